package io.cairn.verification.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An immutable history of ops in the order they happened (by {@code :index}), shaped like
 * Jepsen's: every op is an {@code :invoke} followed later by one completion from the same
 * process.
 */
public final class History {

  private final List<Op> ops;
  private List<OpPair> pairs;

  public History(List<Op> ops) {
    this.ops = List.copyOf(ops);
  }

  public static History of(Op... ops) {
    return new History(List.of(ops));
  }

  public List<Op> ops() {
    return ops;
  }

  public int size() {
    return ops.size();
  }

  public History filter(Predicate<Op> predicate) {
    return new History(ops.stream().filter(predicate).toList());
  }

  /** Ops of client processes (everything but the nemesis). */
  public History clientOps() {
    return filter(op -> !op.isNemesis());
  }

  public History nemesisOps() {
    return filter(Op::isNemesis);
  }

  /**
   * Each invocation with its completion, in invocation order. A completion is matched to the
   * latest open invocation of the same process; an invocation still open when the history ends
   * gets a null completion. A completion with no open invocation (a nemesis that logs only
   * {@code :info}, say) becomes a pair whose invocation and completion are that same op.
   */
  public synchronized List<OpPair> pairs() {
    if (pairs == null) {
      pairs = Collections.unmodifiableList(computePairs());
    }
    return pairs;
  }

  private List<OpPair> computePairs() {
    // Slots in invocation order, filled in as completions arrive.
    List<Op> invocations = new ArrayList<>();
    List<Op> completions = new ArrayList<>();
    Map<Integer, Integer> open = new HashMap<>();
    for (Op op : ops) {
      if (op.isInvoke()) {
        open.put(op.process(), invocations.size());
        invocations.add(op);
        completions.add(null);
      } else {
        Integer slot = open.remove(op.process());
        if (slot == null) {
          invocations.add(op);
          completions.add(op);
        } else {
          completions.set(slot, op);
        }
      }
    }
    List<OpPair> result = new ArrayList<>(invocations.size());
    for (int i = 0; i < invocations.size(); i++) {
      result.add(new OpPair(invocations.get(i), completions.get(i)));
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History other && ops.equals(other.ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return "History" + ops;
  }
}
