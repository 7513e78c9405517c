package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The hint store contract on top of any {@link HintTable}: merging, the byte bound,
 * compare-and-remove and the running totals.
 *
 * <p>One lock serialises everything. Hints are written only while a replica is down and read by a
 * single delivery loop, so simple exact accounting is worth more here than concurrency.
 */
abstract sealed class BoundedHintStore implements HintStore
    permits ChronicleHintStore, InMemoryHintStore {

  private final HintTable table;
  private final long maxBytes;
  private final int maxObjectBytes;
  private final BinaryOperator<byte[]> merge;
  private final Clock clock;
  private HintLedger ledger = new HintLedger();
  /** The table's checksum failures the ledger has accounted for. */
  private long failuresAccounted;
  private boolean closed;

  protected BoundedHintStore(
      HintTable table, HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    this.table = Objects.requireNonNull(table, "table");
    this.maxBytes = config.maxBytes();
    this.maxObjectBytes = config.maxObjectBytes();
    this.merge = Objects.requireNonNull(merge, "merge");
    this.clock = Objects.requireNonNull(clock, "clock");
    table.forEach(ledger::added);
    failuresAccounted = table.checksumFailures();
  }

  /**
   * Recounts the ledger if the table dropped a corrupt hint since it last looked: a corrupt record's
   * size and age cannot be read from it, so the totals are rebuilt by a scan (rare: bit rot).
   */
  private void reconcile() {
    if (table.checksumFailures() != failuresAccounted) {
      HintLedger fresh = new HintLedger();
      table.forEach(fresh::added);
      ledger = fresh;
      failuresAccounted = table.checksumFailures();
    }
  }

  @Override
  public synchronized long checksumFailures() {
    return table.checksumFailures();
  }

  @Override
  public synchronized void add(NodeId target, int partition, BucketKey key, byte[] object) {
    Objects.requireNonNull(object, "object");
    checkOpen();
    HintAddress address = new HintAddress(target, partition, key);
    StoredHint current = table.get(address);
    reconcile();
    long now = clock.millis();
    StoredHint next;
    if (current == null) {
      next = new StoredHint(now, checkSize(object.clone()));
    } else {
      // the merge gets copies: it must not be able to alter what is stored
      byte[] merged = merge.apply(current.object().clone(), object.clone());
      if (merged == null) {
        throw new IllegalStateException("the hint merge function returned null for " + address);
      }
      next = new StoredHint(Math.min(current.createdAtMillis(), now), checkSize(merged.clone()));
    }
    long growth = next.footprintBytes(address)
        - (current == null ? 0 : current.footprintBytes(address));
    if (growth > 0 && ledger.bytes() + growth > maxBytes) {
      throw HintStoreFullException.overLimit(maxBytes, ledger.bytes(), growth);
    }
    try {
      table.put(address, next);
    } catch (HintTable.NoRoomException e) {
      throw HintStoreFullException.noRoom(maxBytes, ledger.bytes(), growth, e);
    }
    if (current != null) {
      ledger.removed(address, current);
    }
    ledger.added(address, next);
  }

  @Override
  public synchronized List<Hint> forTarget(NodeId target, int limit) {
    Objects.requireNonNull(target, "target");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    checkOpen();
    List<Hint> batch = new ArrayList<>(Math.min(limit, 1024));
    if (limit > 0) {
      table.visit(target, hint -> {
        batch.add(hint);
        return batch.size() < limit;
      });
      reconcile();
    }
    return batch;
  }

  @Override
  public synchronized Optional<Hint> get(NodeId target, int partition, BucketKey key) {
    checkOpen();
    HintAddress address = new HintAddress(target, partition, key);
    StoredHint stored = table.get(address);
    reconcile();
    return stored == null ? Optional.empty() : Optional.of(stored.toHint(address));
  }

  @Override
  public synchronized Map<NodeId, Long> pendingPerTarget() {
    checkOpen();
    return ledger.perTarget();
  }

  @Override
  public synchronized Set<NodeId> targets() {
    checkOpen();
    return ledger.targets();
  }

  @Override
  public synchronized boolean remove(Hint delivered) {
    Objects.requireNonNull(delivered, "delivered");
    checkOpen();
    HintAddress address = HintAddress.of(delivered);
    StoredHint current = table.get(address);
    reconcile();
    if (current == null || !current.sameAs(delivered.createdAtMillis(), delivered.object())) {
      return false;
    }
    table.remove(address);
    ledger.removed(address, current);
    return true;
  }

  @Override
  public synchronized long pendingCount() {
    checkOpen();
    return ledger.count();
  }

  @Override
  public synchronized long pendingBytes() {
    checkOpen();
    return ledger.bytes();
  }

  @Override
  public synchronized OptionalLong oldestCreatedAtMillis() {
    checkOpen();
    return ledger.oldestCreatedAtMillis();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      table.close();
    }
  }

  private byte[] checkSize(byte[] object) {
    if (object.length > maxObjectBytes) {
      throw new ValueTooLargeException(object.length, maxObjectBytes);
    }
    return object;
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("hint store is closed");
    }
  }
}
