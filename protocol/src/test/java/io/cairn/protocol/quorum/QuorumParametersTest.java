package io.cairn.protocol.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bounds a quorum's sizes and targets must keep, each edge on both sides. */
class QuorumParametersTest {

  private static final NodeId N0 = NodeId.of("n0");
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");

  private static List<ReplicaTarget> twoPrimariesAndAFallback() {
    return List.of(ReplicaTarget.primary(N0), ReplicaTarget.primary(N1), ReplicaTarget.fallbackFor(N2, NodeId.of("down")));
  }

  @Test
  void wRunsFromOneToTheCountingTargets() {
    assertThatThrownBy(() -> new PutQuorum(twoPrimariesAndAFallback(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("w=0 must be between 1 and the 3 targets");
    assertThat(new PutQuorum(twoPrimariesAndAFallback(), 1, 0).outcome()).isEqualTo(PutQuorum.Outcome.PENDING);
    assertThat(new PutQuorum(twoPrimariesAndAFallback(), 3, 0).outcome()).isEqualTo(PutQuorum.Outcome.PENDING);
    assertThatThrownBy(() -> new PutQuorum(twoPrimariesAndAFallback(), 4, 0))
        .hasMessage("w=4 must be between 1 and the 3 targets");
  }

  @Test
  void pwRunsFromZeroToWAndTheReachablePrimaries() {
    assertThatThrownBy(() -> new PutQuorum(twoPrimariesAndAFallback(), 2, -1))
        .hasMessage("pw=-1 must be between 0 and w=2");
    assertThat(new PutQuorum(twoPrimariesAndAFallback(), 2, 2).outcome()).isEqualTo(PutQuorum.Outcome.PENDING);
    assertThatThrownBy(() -> new PutQuorum(twoPrimariesAndAFallback(), 2, 3))
        .hasMessage("pw=3 must be between 0 and w=2");
    // pw=3 <= w=3, but only two of the three targets are primaries
    assertThatThrownBy(() -> new PutQuorum(twoPrimariesAndAFallback(), 3, 3))
        .hasMessage("pw=3 but only 2 primaries are reachable");
  }

  @Test
  void aNodeTargetedTwiceIsRefused() {
    assertThatThrownBy(() -> new PutQuorum(List.of(ReplicaTarget.primary(N0), ReplicaTarget.fallbackFor(N0, N1)), 1, 0))
        .hasMessage("node n0 is targeted twice");
  }

  @Test
  void aPendingOwnerStandsInForNoPrimary() {
    assertThatThrownBy(() -> new ReplicaTarget(N0, Optional.of(N1), true))
        .hasMessage("a pending owner stands in for no primary");
    ReplicaTarget pending = ReplicaTarget.pendingOwner(N0);
    assertThat(pending.counts()).isFalse();
    assertThat(pending.isPrimary()).isFalse();
    assertThat(pending.isFallback()).isFalse();
    ReplicaTarget fallback = new ReplicaTarget(N2, Optional.of(N1));
    assertThat(fallback.counts()).isTrue();
    assertThat(fallback.isPrimary()).isFalse();
    assertThat(fallback.isFallback()).isTrue();
    assertThat(ReplicaTarget.primary(N0).isPrimary()).isTrue();
  }

  @Test
  void anUndecidedPutDescribesWhatItGot() {
    PutQuorum put = new PutQuorum(twoPrimariesAndAFallback(), 3, 2);
    put.onAck(N0);
    put.onAck(N2);
    assertThat(put.onTimeout()).isEqualTo(PutQuorum.Outcome.INDETERMINATE);
    assertThat(put.describe())
        .isEqualTo("2 of 3 required acknowledgements (1 of 2 from primaries) from 3 targets");
    // decided once: a late acknowledgement changes the counts, not the outcome
    assertThat(put.onAck(N1)).isEqualTo(PutQuorum.Outcome.INDETERMINATE);
    assertThat(put.acks()).isEqualTo(3);
    assertThat(put.primaryAcks()).isEqualTo(2);
  }

  @Test
  void aReadThatMissedItsQuorumDescribesWhatItGot() {
    GetQuorum get = new GetQuorum(twoPrimariesAndAFallback(), 3, 1, ConflictMode.SIBLINGS);
    assertThatThrownBy(() -> new GetQuorum(twoPrimariesAndAFallback(), 0, 0, ConflictMode.SIBLINGS))
        .hasMessage("r=0 must be between 1 and the 3 targets");
    assertThat(get.onReply(N2, StoredObject.empty())).isEqualTo(GetQuorum.Outcome.PENDING);
    assertThat(get.onFailure(N0)).isEqualTo(GetQuorum.Outcome.UNAVAILABLE);
    assertThat(get.describe())
        .isEqualTo("1 of 3 required replicas replied (0 of 1 primaries) out of 3 targets");
    assertThat(get.complete()).isFalse();
    assertThat(get.replies()).isEqualTo(1);
  }
}
