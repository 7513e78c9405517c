package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The in-memory twin of {@link ChronicleHintStore}, with the same contract, for the deterministic
 * simulator and fast tests. Hints are durable across a process crash, like the Chronicle store's:
 * {@link #afterProcessCrash()} hands them to the store a restarted node would open.
 */
public final class InMemoryHintStore implements HintStore {

  private final HintStoreConfig config;
  private final BinaryOperator<byte[]> merge;
  private final Clock clock;
  private final InMemoryHintTable table;
  private final BoundedHintStore store;

  public InMemoryHintStore(HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    this(config, merge, clock, new InMemoryHintTable());
  }

  private InMemoryHintStore(
      HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock, InMemoryHintTable table) {
    this.config = config;
    this.merge = merge;
    this.clock = clock;
    this.table = table;
    this.store = new BoundedHintStore(table, config, merge, clock);
  }

  /**
   * A new store holding every hint this one held: what a restarted process finds. This store is
   * closed.
   */
  public InMemoryHintStore afterProcessCrash() {
    InMemoryHintTable survivors;
    // the store's own lock: no add can slip in between the copy and the close
    synchronized (store) {
      survivors = table.copy();
      store.close();
    }
    return new InMemoryHintStore(config, merge, clock, survivors);
  }

  @Override
  public void add(NodeId target, int partition, BucketKey key, byte[] object) {
    store.add(target, partition, key, object);
  }

  @Override
  public List<Hint> forTarget(NodeId target, int limit) {
    return store.forTarget(target, limit);
  }

  @Override
  public Set<NodeId> targets() {
    return store.targets();
  }

  @Override
  public boolean remove(Hint delivered) {
    return store.remove(delivered);
  }

  @Override
  public long pendingCount() {
    return store.pendingCount();
  }

  @Override
  public long pendingBytes() {
    return store.pendingBytes();
  }

  @Override
  public OptionalLong oldestCreatedAtMillis() {
    return store.oldestCreatedAtMillis();
  }

  @Override
  public void close() {
    store.close();
  }
}
