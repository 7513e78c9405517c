package io.cairn.storage.memory;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.ChecksumFailures;
import io.cairn.storage.ChecksummedValue;
import io.cairn.storage.Durability;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.PartitionStats;
import io.cairn.storage.StorageEngine;
import io.cairn.storage.space.SpaceGuard;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
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
 *
 * <p>Values are kept framed with their checksum ({@link ChecksummedValue}), as on disk, so that
 * {@link #damage} (bit rot) is found, counted and treated as a missing copy exactly as the disk
 * engine does.
 */
public final class InMemoryEngine implements StorageEngine {

  private final int maxValueBytes;
  private final Durability durability;
  /** False only in a negative control: stored bytes are served without checking their checksum. */
  private final boolean verify;
  private final ChecksumFailures failures = new ChecksumFailures("in-memory storage");
  /** Framed values ({@link ChecksummedValue}); the arrays are never changed once stored. */
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
    this(maxValueBytes, durability, true);
  }

  private InMemoryEngine(int maxValueBytes, Durability durability, boolean verify) {
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be >= 1");
    }
    this.maxValueBytes = maxValueBytes;
    this.durability = durability;
    this.verify = verify;
  }

  /**
   * A deliberately broken engine for a negative control: it never checks checksums, so damaged
   * bytes are served as data. A simulation that damages stored values must then fail its checks.
   */
  public static InMemoryEngine withoutVerification(int maxValueBytes, Durability durability) {
    return new InMemoryEngine(maxValueBytes, durability, false);
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
    InMemoryEngine next = new InMemoryEngine(maxValueBytes, durability, verify);
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
    InMemoryEngine next = new InMemoryEngine(maxValueBytes, durability, verify);
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
    writeBack(k -> true);
  }

  @Override
  public void force(int partition) {
    checkOpen();
    writeBack(k -> k.partition() == partition);
  }

  private void writeBack(Predicate<DirtyKey> which) {
    synchronized (writtenBack) {
      for (Iterator<DirtyKey> it = dirty.iterator(); it.hasNext(); ) {
        DirtyKey k = it.next();
        if (!which.test(k)) {
          continue;
        }
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
    byte[] stored = m == null ? null : m.get(key);
    return Optional.ofNullable(stored == null ? null : verified(m, partition, key, stored, "get"));
  }

  @Override
  public void put(int partition, BucketKey key, byte[] value) {
    checkOpen();
    checkSize(value);
    checkSpace(value);
    partition(partition).put(key, ChecksummedValue.frame(KeyCodec.encode(key), value));
    markDirty(partition, key);
  }

  @Override
  public boolean delete(int partition, BucketKey key) {
    boolean[] existed = new boolean[1];
    update(partition, key, current -> {
      existed[0] = current != null;
      return null;
    });
    return existed[0];
  }

  @Override
  public byte[] update(int partition, BucketKey key, UnaryOperator<byte[]> f) {
    checkOpen();
    byte[] encodedKey = KeyCodec.encode(key);
    byte[][] result = new byte[1][];
    partition(partition).compute(key, (k, stored) -> {
      byte[] current = stored == null ? null : unframe(partition, encodedKey, stored, "update");
      byte[] next = f.apply(current);
      if (next != null) {
        checkSize(next);
        checkSpace(next);
      }
      result[0] = next == null ? null : next.clone();
      return next == null ? null : ChecksummedValue.frame(encodedKey, next);
    });
    markDirty(partition, key);
    return result[0];
  }

  @Override
  public PartitionScan scan(int partition) {
    checkOpen();
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    Iterator<Map.Entry<BucketKey, byte[]>> it =
        m == null ? Collections.emptyIterator() : m.entrySet().iterator();
    return new PartitionScan() {
      private Entry next;

      @Override
      public boolean hasNext() {
        while (next == null && it.hasNext()) {
          Map.Entry<BucketKey, byte[]> e = it.next();
          byte[] value = verified(m, partition, e.getKey(), e.getValue(), "scan");
          if (value != null) {
            next = new Entry(e.getKey(), value);
          }
        }
        return next != null;
      }

      @Override
      public Entry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public long checksumFailures() {
    return failures.count();
  }

  /**
   * Visits every stored key's bytes as they are, frame included, without verifying or counting
   * anything: for observers (the simulator's bounds) that must not change what the node finds.
   */
  public void forEachStored(BiConsumer<BucketKey, byte[]> action) {
    live.values().forEach(m -> m.forEach((key, stored) -> action.accept(key, stored.clone())));
  }

  /**
   * Replaces the stored bytes of a key (its frame included) with {@code damage} applied to a copy of
   * them, as a failing disk would: no checksum is updated. Returns whether the key was stored.
   */
  public boolean damage(int partition, BucketKey key, UnaryOperator<byte[]> damage) {
    ConcurrentHashMap<BucketKey, byte[]> m = live.get(partition);
    if (m == null) {
      return false;
    }
    byte[] before = m.get(key);
    if (before == null) {
      return false;
    }
    byte[] after = damage.apply(before.clone());
    m.put(key, after);
    synchronized (writtenBack) {
      // the rot is on the medium: it is what a power loss would find too
      Map<BucketKey, byte[]> disk = writtenBack.get(partition);
      if (disk != null && disk.get(key) == before) {
        disk.put(key, after);
      }
    }
    return true;
  }

  /** The value in {@code stored}, or null if it is corrupt: then it is reported and dropped. */
  private byte[] verified(ConcurrentHashMap<BucketKey, byte[]> m, int partition, BucketKey key, byte[] stored,
      String operation) {
    byte[] value = unframe(partition, KeyCodec.encode(key), stored, operation);
    if (value == null) {
      m.remove(key, stored); // unless a write replaced it meanwhile
    }
    return value;
  }

  private byte[] unframe(int partition, byte[] encodedKey, byte[] stored, String operation) {
    if (!verify) {
      return stored.length < ChecksummedValue.OVERHEAD ? null : Arrays.copyOfRange(stored, ChecksummedValue.OVERHEAD, stored.length);
    }
    byte[] value = ChecksummedValue.unframe(encodedKey, stored);
    if (value == null) {
      failures.found(partition, encodedKey, operation);
    }
    return value;
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
