package io.cairn.protocol.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReadPlanTest {

  @Provide
  Arbitrary<PlanScenario> scenarios() {
    return PlanScenario.any();
  }

  private static ReadPlan plan(PlanScenario s) {
    return ReadPlan.of(s.list(), s.coordinator(), s::up, s.version());
  }

  private static boolean up(PlanScenario s, NodeId n) {
    return n.equals(s.coordinator()) || s.up(n);
  }

  @Property(tries = 1000)
  void asksTheFirstNReachableNodesOfThePreferenceList(@ForAll("scenarios") PlanScenario s) {
    List<NodeId> expected = new ArrayList<>();
    for (NodeId node : s.list().all()) {
      if (up(s, node) && expected.size() < s.list().n()) {
        expected.add(node);
      }
    }
    List<NodeId> asked = plan(s).targets().stream().map(ReplicaTarget::node).toList();
    assertThat(new HashSet<>(asked)).isEqualTo(new HashSet<>(expected));
    assertThat(new HashSet<>(asked)).hasSameSizeAs(asked);
  }

  @Property(tries = 1000)
  void fallbacksStandInOnlyForUnreachablePrimariesOneEach(@ForAll("scenarios") PlanScenario s) {
    Set<NodeId> standingFor = new HashSet<>();
    for (ReplicaTarget t : plan(s).targets()) {
      assertThat(t.pending()).isFalse();
      if (t.isFallback()) {
        NodeId p = t.hintFor().orElseThrow();
        assertThat(up(s, p)).isFalse();
        assertThat(standingFor.add(p)).isTrue();
        assertThat(s.list().fallbacks()).contains(t.node());
      } else {
        assertThat(s.list().primaries()).contains(t.node());
        assertThat(up(s, t.node())).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void primaryQuorumsCountPrimariesOnly(@ForAll("scenarios") PlanScenario s) {
    ReadPlan plan = plan(s);
    long reachablePrimaries = s.list().primaries().stream().filter(p -> up(s, p)).count();
    assertThat(plan.primaries()).isEqualTo(reachablePrimaries);
    assertThat(plan.canMeet(1, (int) reachablePrimaries)).isTrue();
    assertThat(plan.canMeet(1, (int) reachablePrimaries + 1)).isFalse();
  }

  @Property(tries = 1000)
  void aPlanKnowsTheRingVersionItWasMadeUnder(@ForAll("scenarios") PlanScenario s) {
    assertThat(plan(s).stillAppliesTo(s.version())).isTrue();
    assertThat(plan(s).stillAppliesTo(s.version() - 1)).isFalse();
  }

  /** Jepsen's Riak partition: {n1, n2} | {n3, n4, n5}, a key whose primaries are all on the far side. */
  @Example
  void theMinoritySideReadsFromItsFallbacks() {
    List<NodeId> n = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"), NodeId.of("n4"), NodeId.of("n5"));
    PreferenceList list = new PreferenceList(3, List.of(n.get(2), n.get(3), n.get(4)), List.of(n.get(0), n.get(1)));
    ReadPlan plan = ReadPlan.of(list, n.get(0), node -> node.equals(n.get(1)), 1);
    assertThat(plan.targets()).containsExactly(ReplicaTarget.fallbackFor(n.get(0), n.get(2)),
        ReplicaTarget.fallbackFor(n.get(1), n.get(3)));
    assertThat(plan.canMeet(2, 0)).isTrue();
    assertThat(plan.canMeet(2, 1)).isFalse();
  }
}
