package io.cairn.protocol.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WritePlanTest {

  @Provide
  Arbitrary<PlanScenario> scenarios() {
    return PlanScenario.any();
  }

  private static boolean coordinatable(PlanScenario s) {
    return s.list().primaries().contains(s.coordinator())
        || s.list().primaries().stream().anyMatch(p -> !s.up(p));
  }

  private static WritePlan plan(PlanScenario s) {
    return WritePlan.of(s.list(), s.coordinator(), s::up, s.pending(), s.version());
  }

  @Property(tries = 1000)
  void neverTwoTargetsOnOneNode(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    List<NodeId> nodes = plan(s).targets().stream().map(ReplicaTarget::node).toList();
    assertThat(new HashSet<>(nodes)).hasSameSizeAs(nodes);
  }

  @Property(tries = 1000)
  void theCoordinatorIsTheFirstTarget(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    assertThat(plan(s).targets().get(0).node()).isEqualTo(s.coordinator());
  }

  @Property(tries = 1000)
  void fallbacksStandInOnlyForUnreachablePrimaries(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    Set<NodeId> standingFor = new HashSet<>();
    for (ReplicaTarget t : plan(s).targets()) {
      if (t.isFallback()) {
        NodeId primary = t.hintFor().orElseThrow();
        assertThat(s.list().primaries()).contains(primary);
        assertThat(s.up(primary) && !primary.equals(s.coordinator())).as("stands in for a reachable primary").isFalse();
        assertThat(standingFor.add(primary)).as("one stand-in per primary").isTrue();
        assertThat(s.list().primaries()).doesNotContain(t.node());
        assertThat(t.node().equals(s.coordinator()) || s.up(t.node())).as("a stand-in is reachable").isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void everyPrimaryIsTargetedOrStoodInForOrHintedHere(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    WritePlan plan = plan(s);
    for (NodeId p : s.list().primaries()) {
      boolean asPrimary = plan.targets().contains(ReplicaTarget.primary(p));
      boolean stoodIn = plan.targets().stream().anyMatch(t -> t.hintFor().equals(Optional.of(p)));
      boolean hinted = plan.hintedHere().contains(p);
      assertThat(asPrimary || stoodIn || hinted).as("primary " + p + " is covered").isTrue();
      assertThat(asPrimary).isEqualTo(p.equals(s.coordinator()) || s.up(p));
    }
  }

  @Property(tries = 1000)
  void pendingOwnersAreExtraTargetsThatNeverCount(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    WritePlan plan = plan(s);
    WritePlan without = WritePlan.of(s.list(), s.coordinator(), s::up, List.of(), s.version());
    assertThat(plan.counting()).isEqualTo(without.counting());
    assertThat(plan.primaries()).isEqualTo(without.primaries());
    assertThat(plan.targets().subList(0, without.targets().size())).isEqualTo(without.targets());
    for (ReplicaTarget t : plan.targets().subList(without.targets().size(), plan.targets().size())) {
      assertThat(t.pending()).isTrue();
      assertThat(t.counts()).isFalse();
      assertThat(s.pending()).contains(t.node());
      assertThat(s.up(t.node())).isTrue();
    }
    // a pending owner already written to in another role is not written twice
    for (NodeId owner : s.pending()) {
      if (s.up(owner)) {
        assertThat(plan.targets().stream().anyMatch(t -> t.node().equals(owner))).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void primaryQuorumsCountPrimariesOnly(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    WritePlan plan = plan(s);
    long reachablePrimaries = s.list().primaries().stream().filter(p -> p.equals(s.coordinator()) || s.up(p)).count();
    assertThat(plan.primaries()).isEqualTo(reachablePrimaries);
    for (int pw = 0; pw <= s.list().n(); pw++) {
      assertThat(plan.canMeet(Math.max(1, pw), pw)).isEqualTo(reachablePrimaries >= pw && plan.counting() >= Math.max(1, pw));
    }
  }

  @Property(tries = 1000)
  void aPlanKnowsTheRingVersionItWasMadeUnder(@ForAll("scenarios") PlanScenario s) {
    Assume.that(coordinatable(s));
    WritePlan plan = plan(s);
    assertThat(plan.stillAppliesTo(s.version())).isTrue();
    assertThat(plan.stillAppliesTo(s.version() + 1)).isFalse();
  }

  @Property(tries = 1000)
  void aNonPrimaryDoesNotCoordinateWhileEveryPrimaryIsReachable(@ForAll("scenarios") PlanScenario s) {
    Assume.that(!s.list().fallbacks().isEmpty());
    NodeId outsider = s.list().fallbacks().get(0);
    assertThatThrownBy(() -> WritePlan.of(s.list(), outsider, n -> true, s.pending(), s.version()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forward");
  }

  @Example
  void threeNodesWithOneDownKeepAHintHere() {
    NodeId a = NodeId.of("a");
    NodeId b = NodeId.of("b");
    NodeId c = NodeId.of("c");
    WritePlan plan = WritePlan.of(new PreferenceList(0, List.of(a, b, c), List.of()), a, n -> !n.equals(c), List.of(), 1);
    assertThat(plan.targets()).containsExactly(ReplicaTarget.primary(a), ReplicaTarget.primary(b));
    assertThat(plan.hintedHere()).containsExactly(c);
  }

  @Example
  void aNonPrimaryStandsInForTheFirstMissingPrimaryAndKeepsItsHint() {
    NodeId a = NodeId.of("a");
    NodeId b = NodeId.of("b");
    NodeId c = NodeId.of("c");
    NodeId d = NodeId.of("d");
    NodeId e = NodeId.of("e");
    WritePlan plan = WritePlan.of(new PreferenceList(0, List.of(a, b, c), List.of(d, e)), e, n -> n.equals(d) || n.equals(e),
        List.of(), 1);
    assertThat(plan.targets()).containsExactly(ReplicaTarget.fallbackFor(e, a), ReplicaTarget.fallbackFor(d, b));
    assertThat(plan.hintedHere()).containsExactly(a, c);
  }
}
