package io.cairn.storage.memory;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.Durability;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.PartitionStats;
import io.cairn.storage.StorageEngine;
import io.cairn.storage.space.SpaceGuard;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The in-memory twin of the Chronicle Map engine, with the same contract, for the deterministic
 * simulator and fast tests. It also models what a crash leaves behind:
 *
 * <ul>
 *   <li>{@link #afterProcessCrash()}: everything written is kept (like mmap'd maps after kill -9);
 *   <li>{@link #afterPowerLoss()}: in {@link Durability#FSYNC} everything written is kept; in
 *       {@link Durability#MMAP} only what was written back by {@link #writeBack()} (standing in for
 *       the kernel's page writeback) survives;
 *   <li>{@link #afterDiskLoss(int, Durability)}: nothing survives.
 * </ul>
 */
public final class InMemoryEngine implements StorageEngine {

  private final int maxValueBytes;
  private final Durability durability;
  private final Map<Integer, ConcurrentHashMap<BucketKey, byte[]>> live = new ConcurrentHashMap<>();
  /** What a power loss would leave (only tracked in MMAP mode). */
  private final Map<Integer, Map<BucketKey, byte[]>> writtenBack = new HashMap<>();
  /** Keys written since the last write-back (only tracked in MMAP mode). */
  private final Set<DirtyKey> dirty = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private boolean lostWrites;
  /** Refuses writes as a nearly full volume would; none unless {@link #guardWith} was called. */
  private volatile SpaceGuard space;

  private record DirtyKey(int partition, BucketKey key) {}

  public InMemoryEngine(int maxValueBytes, Durability durability) {
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be >= 1");
    }
    this.maxValueBytes = maxValueBytes;
    this.durability = durability;
  }

  /**
   * Makes writes ask {@code guard} first, as the Chronicle engine does, so that a full disk can be
   * played out in memory; {@code null} removes the guard.
   */
  public void guardWith(SpaceGuard guard) {
    this.space = guard;
  }

  /** A fresh engine (as on a new disk). */
  public static InMemoryEngine afterDiskLoss(int maxValueBytes, Durability durability) {
    return new InMemoryEngine(maxValueBytes, durability);
  }

  /** A new engine holding what this one had written: the state a restarted process finds. */
  public InMemoryEngine afterProcessCrash() {
    InMemoryEngine next = new InMemoryEngine(maxValueBytes, durability);
    live.forEach((p, m) -> next.live.put(p, new ConcurrentHashMap<>(m)));
    next.writeBack();
    closed = true;
    return next;
  }

  /** A new engine holding what survives a power loss for this engine's durability mode. */
  public InMemoryEngine afterPowerLoss() {
    if (durability == Durability.FSYNC) {
      return afterProcessCrash();
    }
    InMemoryEngine next = new InMemoryEngine(maxValueBytes, durability);
    synchronized (writtenBack) {
      writtenBack.forEach((p, m) -> {
        if (!m.isEmpty()) {
          next.live.put(p, new ConcurrentHashMap<>(m));
        }
      });
    }
    next.writeBack();
    next.lostWrites = true; // as an mmap store after a machine crash: the node must take a new epoch
    closed = true;
    return next;
  }

  @Override
  public boolean mayHaveLostWrites() {
    return lostWrites;
  }

  /** Makes every write so far survive a power loss (the kernel wrote the dirty pages back). */
  public void writeBack() {
    synchronized (writtenBack) {
      for (Iterator<DirtyKey> it = dirty.iterator(); it.hasNext(); ) {
        DirtyKey k = it.next();
        it.remove();
        ConcurrentHashMap<BucketKey, byte[]> current = live.get(k.partition());
        byte[] v = current == null ? null : current.get(k.key());
        Map<BucketKey, byte[]> m = writtenBack.computeIfAbsent(k.partition(), p -> new HashMap<>());
        if (v == null) {
          m.remove(k.key());
        } else {
          m.put(k.key(), v);
        }
      }
      // partitions dropped since the last write-back
      writtenBack.keySet().removeIf(p -> !live.containsKey(p));
    }
  }

  @Override
  public Optional<byte[]> get(int partition, BucketKey key) {
    checkOpen();
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    byte[] v = m == null ? null : m.get(key);
    return Optional.ofNullable(v).map(byte[]::clone);
  }

  @Override
  public void put(int partition, BucketKey key, byte[] value) {
    checkOpen();
    checkSize(value);
    checkSpace(value);
    partition(partition).put(key, value.clone());
    markDirty(partition, key);
  }

  @Override
  public boolean delete(int partition, BucketKey key) {
    checkOpen();
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    boolean removed = m != null && m.remove(key) != null;
    if (removed) {
      markDirty(partition, key);
    }
    return removed;
  }

  @Override
  public byte[] update(int partition, BucketKey key, UnaryOperator<byte[]> f) {
    checkOpen();
    byte[] result =
        partition(partition)
            .compute(
                key,
                (k, current) -> {
                  byte[] next = f.apply(current == null ? null : current.clone());
                  if (next != null) {
                    checkSize(next);
                    checkSpace(next);
                    return next.clone();
                  }
                  return null;
                });
    markDirty(partition, key);
    return result == null ? null : result.clone();
  }

  @Override
  public PartitionScan scan(int partition) {
    checkOpen();
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    Iterator<Map.Entry<BucketKey, byte[]>> it =
        m == null ? Collections.emptyIterator() : m.entrySet().iterator();
    return new PartitionScan() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Entry next() {
        Map.Entry<BucketKey, byte[]> e = it.next();
        return new Entry(e.getKey(), e.getValue().clone());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void dropPartition(int partition) {
    checkOpen();
    live.remove(partition);
    if (durability == Durability.FSYNC) {
      synchronized (writtenBack) {
        writtenBack.remove(partition);
      }
    }
    // in MMAP mode the drop reaches the disk at the next write-back, like the rest
  }

  @Override
  public Set<Integer> partitions() {
    checkOpen();
    Set<Integer> out = new TreeSet<>();
    live.forEach((p, m) -> {
      if (!m.isEmpty()) {
        out.add(p);
      }
    });
    return out;
  }

  @Override
  public PartitionStats stats(int partition) {
    checkOpen();
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    long entries = 0;
    long bytes = 0;
    if (m != null) {
      for (Map.Entry<BucketKey, byte[]> e : m.entrySet()) {
        entries++;
        bytes += KeyCodec.encode(e.getKey()).length + e.getValue().length;
      }
    }
    return new PartitionStats(partition, entries, bytes);
  }

  @Override
  public int maxValueBytes() {
    return maxValueBytes;
  }

  @Override
  public Durability durability() {
    return durability;
  }

  @Override
  public void close() {
    closed = true;
  }

  private ConcurrentHashMap<BucketKey, byte[]> partition(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
    return live.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
  }

  private void markDirty(int partition, BucketKey key) {
    if (durability == Durability.FSYNC) {
      // every write is durable when it returns: write it back at once
      synchronized (writtenBack) {
        byte[] v = partition(partition).get(key);
        Map<BucketKey, byte[]> m = writtenBack.computeIfAbsent(partition, p -> new HashMap<>());
        if (v == null) {
          m.remove(key);
        } else {
          m.put(key, v);
        }
      }
      return;
    }
    dirty.add(new DirtyKey(partition, key));
  }

  private void checkSize(byte[] value) {
    if (value.length > maxValueBytes) {
      throw new ValueTooLargeException(value.length, maxValueBytes);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("storage engine is closed");
    }
  }

  private void checkSpace(byte[] value) {
    SpaceGuard guard = space;
    if (guard != null) {
      guard.check(value.length);
    }
  }
}
