package io.cairn.verification.checker;

import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The writes (and deletes) of one key and the "supersedes" relation between them: a write supersedes the
 * sibling values of the read whose context it carried ({@code :supersedes}, on the completion when
 * the read happened inside the op, else on the invocation).
 * Values nobody wrote are left out of the graph.
 */
final class SupersessionGraph {

  final List<OpPair> writes = new ArrayList<>();
  private final Map<Long, Integer> ids = new HashMap<>();
  final int[][] edges;

  SupersessionGraph(List<OpPair> pairs) {
    for (OpPair pair : pairs) {
      if (pair.f().equals("write") || pair.f().equals("delete")) {
        long value = Values.asLong(pair.invocation().value());
        if (ids.putIfAbsent(value, writes.size()) == null) {
          writes.add(pair);
        }
      }
    }
    edges = new int[writes.size()][];
    for (int id = 0; id < writes.size(); id++) {
      long[] superseded = Values.asLongs(writes.get(id).get("supersedes"));
      int[] out = new int[superseded.length];
      int n = 0;
      for (long v : superseded) {
        int target = id(v);
        if (target >= 0) {
          out[n++] = target;
        }
      }
      edges[id] = Arrays.copyOf(out, n);
    }
  }

  int size() {
    return writes.size();
  }

  /** The dense id of a written value, or -1 if no write of it was invoked. */
  int id(long value) {
    Integer id = ids.get(value);
    return id == null ? -1 : id;
  }

  /** A delete supersedes like a write, but its id is never a value anyone can read. */
  boolean isDelete(int id) {
    return writes.get(id).f().equals("delete");
  }

  long value(int id) {
    return Values.asLong(writes.get(id).invocation().value());
  }

  long invokeIndex(int id) {
    return writes.get(id).invocation().index();
  }

  /** Which writes are superseded, directly or transitively, by some write matching {@code by}. */
  boolean[] supersededBy(Predicate<OpPair> by) {
    boolean[] reached = new boolean[size()];
    int[] stack = new int[Math.max(1, size())];
    for (int source = 0; source < size(); source++) {
      if (!by.test(writes.get(source))) {
        continue;
      }
      int top = 0;
      for (int t : edges[source]) {
        if (!reached[t]) {
          reached[t] = true;
          stack[top++] = t;
        }
      }
      while (top > 0) {
        int node = stack[--top];
        for (int t : edges[node]) {
          if (!reached[t]) {
            reached[t] = true;
            stack[top++] = t;
          }
        }
      }
    }
    return reached;
  }
}
