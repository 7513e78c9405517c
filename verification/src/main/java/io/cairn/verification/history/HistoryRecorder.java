package io.cairn.verification.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Records a history as it happens, from any number of threads. Each op is given the next
 * {@code :index} and a {@code :time} from the injected nanosecond source, under one lock so that
 * index order and time order agree. A test or a deterministic simulator supplies its own clock.
 */
public final class HistoryRecorder {

  private final LongSupplier nanos;
  private final List<Op> ops = new ArrayList<>();

  /** @param nanos nanoseconds since the test started (e.g. {@code () -> System.nanoTime() - start}) */
  public HistoryRecorder(LongSupplier nanos) {
    this.nanos = Objects.requireNonNull(nanos, "nanos");
  }

  /** Starts at zero when created, on the system's monotonic clock. */
  public static HistoryRecorder startingNow() {
    long start = System.nanoTime();
    return new HistoryRecorder(() -> System.nanoTime() - start);
  }

  /** Records an invocation (or any op, such as a nemesis {@code :info}) and returns it as placed. */
  public synchronized Op invoke(Op op) {
    return append(op);
  }

  /** Records the completion of {@code invocation}; extra keys are merged over the invocation's. */
  public synchronized Op complete(Op invocation, OpType type, Object value, Map<String, Object> extra) {
    if (type == OpType.INVOKE) {
      throw new IllegalArgumentException("a completion cannot be an invocation");
    }
    return append(invocation.complete(type, value, extra));
  }

  /** Records any op as it is (index and time are assigned). */
  public synchronized Op record(Op op) {
    return append(op);
  }

  private Op append(Op op) {
    Op placed = op.at(ops.size(), nanos.getAsLong());
    ops.add(placed);
    return placed;
  }

  public synchronized int size() {
    return ops.size();
  }

  /** A snapshot of everything recorded so far. */
  public synchronized History history() {
    return new History(ops);
  }
}
