package io.cairn.storage.hint;

import java.time.Clock;
import java.util.function.BinaryOperator;

/**
 * The in-memory twin of {@link ChronicleHintStore}, with the same contract, for the deterministic
 * simulator and fast tests. Hints are durable across a process crash, like the Chronicle store's:
 * {@link #afterProcessCrash()} hands them to the store a restarted node would open.
 */
public final class InMemoryHintStore extends BoundedHintStore {

  private final HintStoreConfig config;
  private final BinaryOperator<byte[]> merge;
  private final Clock clock;
  private final InMemoryHintTable table;

  public InMemoryHintStore(HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    this(config, merge, clock, new InMemoryHintTable());
  }

  private InMemoryHintStore(
      HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock, InMemoryHintTable table) {
    super(table, config, merge, clock);
    this.config = config;
    this.merge = merge;
    this.clock = clock;
    this.table = table;
  }

  /**
   * A new store holding every hint this one held: what a restarted process finds. This store is
   * closed.
   */
  public InMemoryHintStore afterProcessCrash() {
    InMemoryHintTable survivors;
    // the store's own lock: no add can slip in between the copy and the close
    synchronized (this) {
      survivors = table.copy();
      close();
    }
    return new InMemoryHintStore(config, merge, clock, survivors);
  }
}
