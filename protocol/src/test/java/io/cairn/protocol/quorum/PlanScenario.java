package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** A key's preference list, who coordinates, who is reachable from there, and the pending owners. */
record PlanScenario(PreferenceList list, NodeId coordinator, Set<NodeId> reachable, List<NodeId> pending, long version) {

  boolean up(NodeId n) {
    return reachable.contains(n);
  }

  static Arbitrary<PlanScenario> any() {
    return Arbitraries.integers().between(1, 8).flatMap(size -> Arbitraries.integers().between(1, size).flatMap(n -> {
      List<NodeId> nodes = new ArrayList<>();
      for (int i = 1; i <= size; i++) {
        nodes.add(NodeId.of("n" + i));
      }
      Arbitrary<List<NodeId>> order = Arbitraries.shuffle(nodes);
      Arbitrary<Set<NodeId>> reachable = Arbitraries.of(nodes).set().ofMaxSize(size);
      // pending owners may be new nodes or nodes already in the list
      Arbitrary<List<NodeId>> pending = Arbitraries.of(concat(nodes, List.of(NodeId.of("new1"), NodeId.of("new2"))))
          .list().uniqueElements().ofMaxSize(3);
      Arbitrary<Set<NodeId>> reachableExtra = Arbitraries.of(NodeId.of("new1"), NodeId.of("new2")).set();
      return Combinators.combine(order, Arbitraries.integers().between(0, size - 1), reachable, reachableExtra, pending,
              Arbitraries.longs().between(0, 5))
          .as((o, c, r, extra, p, v) -> {
            Set<NodeId> all = new HashSet<>(r);
            all.addAll(extra);
            return new PlanScenario(new PreferenceList(7, o.subList(0, n), o.subList(n, o.size())), o.get(c),
                Collections.unmodifiableSet(all), p, v);
          });
    }));
  }

  private static List<NodeId> concat(List<NodeId> a, List<NodeId> b) {
    List<NodeId> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
