package io.cairn.verification.checker;

import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The sibling-register analysis of one key. */
final class SiblingRegisterKeyAnalysis {

  /** How many false-sibling reads are described in full; the count covers all of them. */
  static final int EXAMPLES = 8;

  private final SupersessionGraph graph;
  private final List<OpPair> reads;
  // Per-read marks, stamped with the read's number so they need no clearing.
  private final int[] inRead;
  private final int[] visited;

  SiblingRegisterKeyAnalysis(List<OpPair> pairs) {
    graph = new SupersessionGraph(pairs);
    reads = pairs.stream().filter(p -> p.f().equals("read") && p.isOk()).toList();
    inRead = new int[graph.size()];
    visited = new int[graph.size()];
  }

  SiblingRegisterResult.KeyResult result() {
    boolean[] byOk = graph.supersededBy(OpPair::isOk);
    boolean[] byPossible = graph.supersededBy(p -> !p.isFail());
    TreeSet<Long> phantom = new TreeSet<>();
    TreeSet<Long> resurrected = new TreeSet<>();
    List<Map<String, Object>> examples = new ArrayList<>();
    int falseSiblingReads = 0;
    int maxSiblings = 0;
    List<OpPair> finals = new ArrayList<>();
    List<Set<Long>> finalValues = new ArrayList<>();
    int stamp = 0;
    for (OpPair read : reads) {
      stamp++;
      long[] siblings = Values.asLongs(read.completion().value());
      maxSiblings = Math.max(maxSiblings, siblings.length);
      List<Integer> ids = new ArrayList<>(siblings.length);
      for (long v : siblings) {
        int id = graph.id(v);
        if (id < 0 || graph.isDelete(id)) {
          phantom.add(v); // never written, or a delete's id read back as a value
        } else {
          ids.add(id);
          inRead[id] = stamp;
        }
      }
      TreeSet<Long> superseded = supersededWithin(ids, stamp);
      if (!superseded.isEmpty()) {
        falseSiblingReads++;
        if (examples.size() < EXAMPLES) {
          Map<String, Object> example = new LinkedHashMap<>();
          example.put("index", read.completion().index());
          example.put("siblings", new TreeSet<>(toList(siblings)));
          example.put("superseded", superseded);
          examples.add(example);
        }
      }
      if (Values.isFinal(read)) {
        finals.add(read);
        finalValues.add(new HashSet<>(toList(siblings)));
        for (long v : siblings) {
          int id = graph.id(v);
          if (id >= 0 && byOk[id]) {
            resurrected.add(v);
          }
        }
      }
    }
    TreeSet<Long> lost = new TreeSet<>();
    for (int id = 0; id < graph.size(); id++) {
      OpPair write = graph.writes.get(id);
      if (!write.isOk() || byPossible[id] || graph.isDelete(id)) {
        continue;
      }
      for (int i = 0; i < finals.size(); i++) {
        if (finals.get(i).invocation().index() > write.completion().index()
            && !finalValues.get(i).contains(graph.value(id))) {
          lost.add(graph.value(id));
        }
      }
    }
    return new SiblingRegisterResult.KeyResult(graph.size(), reads.size(), finals.size(), List.copyOf(lost),
        List.copyOf(resurrected), List.copyOf(phantom), falseSiblingReads, examples, maxSiblings);
  }

  /**
   * The siblings of one read that another sibling of the same read supersedes. A search from
   * each sibling down the supersedes relation, pruned below the earliest-invoked sibling: a
   * write can only supersede values invoked before it, so nothing older can be in the read.
   */
  private TreeSet<Long> supersededWithin(List<Integer> ids, int stamp) {
    TreeSet<Long> superseded = new TreeSet<>();
    if (ids.size() < 2) {
      return superseded;
    }
    long floor = Long.MAX_VALUE;
    for (int id : ids) {
      floor = Math.min(floor, graph.invokeIndex(id));
    }
    ArrayList<Integer> stack = new ArrayList<>();
    for (int source : ids) {
      stack.add(source);
      while (!stack.isEmpty()) {
        int node = stack.remove(stack.size() - 1);
        for (int t : graph.edges[node]) {
          if (inRead[t] == stamp) {
            superseded.add(graph.value(t));
          }
          if (visited[t] != stamp && graph.invokeIndex(t) >= floor) {
            visited[t] = stamp;
            stack.add(t);
          }
        }
      }
    }
    return superseded;
  }

  private static List<Long> toList(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }
}
