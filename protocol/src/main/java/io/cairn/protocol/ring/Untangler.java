package io.cairn.protocol.ring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes conflicts left by the greedy {@link Reassignment} by re-dealing moved partitions among
 * their receivers, without changing anyone's count or which partitions moved: balance and minimal
 * movement (and a pure join or leave) are untouched.
 *
 * <p>For a moved partition p whose owner a conflicts there, it first tries a swap with another
 * moved partition, then searches (breadth first, so the shortest) a chain: b1 takes p, b1 hands
 * one of its moved partitions to b2, ..., bk hands one to a, each step clean for its taker. An
 * exchange is kept only if all its partitions end up clean; a clean owner creates no conflict for
 * others, so each kept exchange strictly lowers the number of conflicted partitions and the
 * search ends.
 *
 * <p>The work is capped at a fixed number of steps per partition, which keeps a claim on a huge
 * ring cheap and, being a count rather than a clock, keeps the result deterministic.
 */
final class Untangler {

  /** Search steps allowed per partition of the ring. */
  private static final long BUDGET_PER_PARTITION = 64;

  private final Ownership o;
  private final List<Set<Integer>> movedTo = new ArrayList<>();
  private long budget;

  Untangler(Ownership ownership) {
    this.o = ownership;
    this.budget = BUDGET_PER_PARTITION * ownership.q;
    for (int i = 0; i < o.memberCount; i++) {
      movedTo.add(new LinkedHashSet<>());
    }
    for (int p = 0; p < o.q; p++) {
      if (o.moved(p)) {
        movedTo.get(o.owner(p)).add(p);
      }
    }
  }

  void run() {
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      for (int p = 0; p < o.q && budget > 0; p++) {
        if (o.moved(p) && o.conflicted(p) && (swap(p) || rechain(p))) {
          progress = true;
        }
      }
    }
  }

  /**
   * Tries giving p's owner another moved partition in exchange for p. Tested after exchanging:
   * unlike a chain step, a swap between nearby partitions may only be clean once both moved.
   */
  private boolean swap(int p) {
    int a = o.owner(p);
    for (int x = 0; x < o.q && budget > 0; x++, budget--) {
      int b = o.owner(x);
      if (x == p || !o.moved(x) || o.sameKey(a, b)) {
        continue;
      }
      o.reown(p, b);
      o.reown(x, a);
      if (!o.conflicted(p) && !o.conflicted(x)) {
        movedTo.get(a).remove(p);
        movedTo.get(b).remove(x);
        movedTo.get(a).add(x);
        movedTo.get(b).add(p);
        return true;
      }
      o.reown(p, a);
      o.reown(x, b);
    }
    return false;
  }

  private boolean rechain(int p) {
    int a = o.owner(p);
    int[] via = new int[o.memberCount];
    int[] parent = new int[o.memberCount];
    Arrays.fill(via, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int b = 0; b < o.memberCount; b++) {
      if (!o.sameKey(a, b) && !movedTo.get(b).isEmpty() && clean(p, b)) {
        via[b] = p;
        parent[b] = -1;
        queue.add(b);
      }
    }
    while (!queue.isEmpty() && budget > 0) {
      int giver = queue.poll();
      for (int x : movedTo.get(giver)) {
        for (int taker = 0; taker < o.memberCount; taker++) {
          if (via[taker] >= 0
              || o.sameKey(giver, taker)
              || (taker != a && movedTo.get(taker).isEmpty())) {
            continue;
          }
          if (clean(x, taker)) {
            via[taker] = x;
            parent[taker] = giver;
            if (taker == a) {
              return apply(a, via, parent);
            }
            queue.add(taker);
          }
        }
      }
    }
    return false;
  }

  /** Applies the chain ending at a; keeps it only if every partition in it ends up clean. */
  private boolean apply(int a, int[] via, int[] parent) {
    List<int[]> steps = new ArrayList<>();
    for (int taker = a; taker >= 0; taker = parent[taker]) {
      int x = via[taker];
      steps.add(new int[] {x, o.owner(x), taker});
      o.reown(x, taker);
    }
    for (int[] step : steps) {
      if (o.conflicted(step[0])) {
        for (int[] undo : steps) {
          o.reown(undo[0], undo[1]);
        }
        return false;
      }
    }
    for (int[] step : steps) {
      movedTo.get(step[1]).remove(step[0]);
      movedTo.get(step[2]).add(step[0]);
    }
    return true;
  }

  private boolean clean(int p, int member) {
    budget--;
    return !o.conflicts(p, member);
  }
}
