package io.cairn.protocol.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.quorum.PutQuorum.Outcome;
import io.cairn.protocol.ring.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PutQuorumTest {

  /** Targets (true = primary), quorum sizes, and a schedule of replies. */
  record Case(List<Boolean> primaries, int w, int pw, List<Integer> order, List<Boolean> acked, int timeoutAt) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers().between(1, 5).flatMap(n ->
        Combinators.combine(
                Arbitraries.of(true, true, false).list().ofSize(n),
                Arbitraries.integers().between(1, n),
                Arbitraries.integers().between(0, n),
                Arbitraries.integers().between(0, n - 1).list().ofMinSize(0).ofMaxSize(2 * n),
                Arbitraries.of(true, true, false).list().ofSize(2 * n),
                Arbitraries.integers().between(0, 2 * n + 1))
            .as(Case::new)
            .filter(c -> c.pw() <= c.w() && c.pw() <= c.primaries().stream().filter(p -> p).count()));
  }

  private static List<ReplicaTarget> targets(List<Boolean> primaries) {
    List<ReplicaTarget> out = new ArrayList<>();
    for (int i = 0; i < primaries.size(); i++) {
      NodeId n = NodeId.of("n" + i);
      out.add(primaries.get(i) ? ReplicaTarget.primary(n) : ReplicaTarget.fallbackFor(n, NodeId.of("down" + i)));
    }
    return out;
  }

  @Property(tries = 1000)
  void decidesOkExactlyWhenTheQuorumIsMetAndNeverChangesItsMind(@ForAll("cases") Case c) {
    PutQuorum q = new PutQuorum(targets(c.primaries()), c.w(), c.pw());
    Outcome decided = Outcome.PENDING;
    int acks = 0;
    int primaryAcks = 0;
    Set<Integer> seen = new HashSet<>();
    for (int step = 0; step < c.order().size(); step++) {
      if (step == c.timeoutAt()) {
        Outcome o = q.onTimeout();
        assertThat(o).isNotEqualTo(Outcome.PENDING);
        decided = decided == Outcome.PENDING ? o : decided;
      }
      int node = c.order().get(step);
      boolean ok = c.acked().get(step);
      Outcome o = ok ? q.onAck(NodeId.of("n" + node)) : q.onFailure(NodeId.of("n" + node));
      if (seen.add(node) && ok) {
        if (decided == Outcome.PENDING) {
          acks++;
          if (c.primaries().get(node)) {
            primaryAcks++;
          }
        }
      }
      if (decided == Outcome.PENDING) {
        boolean met = acks >= c.w() && primaryAcks >= c.pw();
        assertThat(o == Outcome.OK).as("OK iff quorum met").isEqualTo(met);
        if (seen.size() == c.primaries().size()) {
          assertThat(o).as("all answered: decided").isNotEqualTo(Outcome.PENDING);
        }
        decided = o;
      } else {
        assertThat(o).as("decided once").isEqualTo(decided);
      }
    }
    if (decided == Outcome.PENDING) {
      assertThat(q.onTimeout()).isEqualTo(Outcome.INDETERMINATE);
    }
  }

  @Example
  void aTimedOutPutIsIndeterminateNeverAFailure() {
    PutQuorum q = new PutQuorum(targets(List.of(true, true, true)), 2, 0);
    assertThat(q.onAck(NodeId.of("n0"))).isEqualTo(Outcome.PENDING);
    assertThat(q.onTimeout()).isEqualTo(Outcome.INDETERMINATE);
    assertThat(q.describe()).contains("1 of 2");
  }

  @Example
  void fallbacksCountTowardWButNotTowardPw() {
    PutQuorum q = new PutQuorum(targets(List.of(true, false, true)), 2, 2);
    q.onAck(NodeId.of("n0"));
    assertThat(q.onAck(NodeId.of("n1"))).isEqualTo(Outcome.PENDING); // w met, pw not
    assertThat(q.onAck(NodeId.of("n2"))).isEqualTo(Outcome.OK);
  }

  @Example
  void aPendingOwnersAcknowledgementNeverCountsTowardW() {
    List<ReplicaTarget> targets = List.of(ReplicaTarget.primary(NodeId.of("n0")), ReplicaTarget.primary(NodeId.of("n1")),
        ReplicaTarget.pendingOwner(NodeId.of("new")));
    PutQuorum q = new PutQuorum(targets, 2, 0);
    q.onAck(NodeId.of("n0"));
    assertThat(q.onAck(NodeId.of("new"))).isEqualTo(Outcome.PENDING);
    assertThat(q.acks()).isEqualTo(1);
    assertThat(q.onFailure(NodeId.of("n1"))).isEqualTo(Outcome.INDETERMINATE);
    // w may not exceed the targets that count
    assertThatThrownBy(() -> new PutQuorum(targets, 3, 0)).hasMessageContaining("2 targets");
  }

  @Example
  void impossibleQuorumsAreDecidedAsSoonAsTheyAreImpossible() {
    PutQuorum q = new PutQuorum(targets(List.of(true, true, true)), 3, 0);
    q.onAck(NodeId.of("n0"));
    assertThat(q.onFailure(NodeId.of("n1"))).isEqualTo(Outcome.INDETERMINATE);
  }

  @Example
  void duplicateRepliesCountOnce() {
    PutQuorum q = new PutQuorum(targets(List.of(true, true, true)), 2, 0);
    q.onAck(NodeId.of("n0"));
    assertThat(q.onAck(NodeId.of("n0"))).isEqualTo(Outcome.PENDING);
  }

  @Example
  void badParametersAreRejected() {
    assertThatThrownBy(() -> new PutQuorum(targets(List.of(true, true)), 3, 0)).hasMessageContaining("w=3");
    assertThatThrownBy(() -> new PutQuorum(targets(List.of(true, false)), 2, 2)).hasMessageContaining("primaries");
    assertThatThrownBy(() -> new PutQuorum(targets(List.of(true)), 1, 0).onAck(NodeId.of("x")))
        .hasMessageContaining("not a target");
  }
}
