package io.cairn.protocol.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.quorum.GetQuorum.Outcome;
import io.cairn.protocol.ring.NodeId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class GetQuorumTest {

  /** Three replicas that each took a subset of a few writes, some merged along the way. */
  @Provide
  Arbitrary<List<StoredObject>> replicaCopies() {
    return Arbitraries.integers().between(0, 11).list().ofMaxSize(10).map(ops -> {
      List<StoredObject> copies = new ArrayList<>(List.of(StoredObject.empty(), StoredObject.empty(), StoredObject.empty()));
      int i = 0;
      for (int op : ops) {
        int r = op % 3;
        if (op < 6) {
          VersionVector ctx = op < 3 ? VersionVector.empty() : copies.get(r).context();
          copies.set(r, copies.get(r).write(Actor.of("n" + r, 1), ctx, Sibling.of(new byte[] {(byte) i++}, "x/y", i), ConflictMode.SIBLINGS));
        } else {
          copies.set(r, copies.get(r).merge(copies.get((r + 1) % 3), ConflictMode.SIBLINGS));
        }
      }
      return copies;
    });
  }

  private static List<ReplicaTarget> three() {
    return List.of(ReplicaTarget.primary(NodeId.of("n0")), ReplicaTarget.primary(NodeId.of("n1")), ReplicaTarget.primary(NodeId.of("n2")));
  }

  @Property(tries = 1000)
  void answersAfterRRepliesAndRepairsEveryStaleReplicaWhateverTheOrder(
      @ForAll("replicaCopies") List<StoredObject> copies,
      @ForAll @IntRange(min = 1, max = 3) int r,
      @ForAll @IntRange(min = 0, max = 5) int rotation) {
    GetQuorum q = new GetQuorum(three(), r, 0, ConflictMode.SIBLINGS);
    for (int k = 0; k < 3; k++) {
      int node = (k + rotation) % 3;
      Outcome o = q.onReply(NodeId.of("n" + node), copies.get(node));
      assertThat(o == Outcome.OK).isEqualTo(k + 1 >= r);
    }
    StoredObject all = copies.get(0).merge(copies.get(1), ConflictMode.SIBLINGS).merge(copies.get(2), ConflictMode.SIBLINGS);
    assertThat(q.merged()).isEqualTo(all);
    assertThat(q.complete()).isTrue();
    for (int n = 0; n < 3; n++) {
      boolean stale = q.staleReplicas().contains(NodeId.of("n" + n));
      assertThat(stale).isEqualTo(!all.isEmpty() && !copies.get(n).descends(all));
      // after repair, the replica holds the merge
      assertThat(copies.get(n).merge(all, ConflictMode.SIBLINGS).descends(all)).isTrue();
    }
  }

  @Example
  void tooFewRepliesIsUnavailable() {
    GetQuorum q = new GetQuorum(three(), 2, 0, ConflictMode.SIBLINGS);
    q.onReply(NodeId.of("n0"), StoredObject.empty());
    q.onFailure(NodeId.of("n1"));
    assertThat(q.onFailure(NodeId.of("n2"))).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(q.describe()).contains("1 of 2");
  }

  @Example
  void aTimeoutBeforeTheQuorumIsUnavailable() {
    GetQuorum q = new GetQuorum(three(), 2, 0, ConflictMode.SIBLINGS);
    q.onReply(NodeId.of("n0"), StoredObject.empty());
    assertThat(q.onTimeout()).isEqualTo(Outcome.UNAVAILABLE);
  }

  @Example
  void fallbackRepliesDoNotCountTowardPrAndAreRepairedOnlyAsHints() {
    StoredObject v = StoredObject.empty().write(Actor.of("n0", 1), VersionVector.empty(), Sibling.of(new byte[] {1}, "x/y", 1), ConflictMode.SIBLINGS);
    GetQuorum q = new GetQuorum(
        List.of(ReplicaTarget.primary(NodeId.of("n0")), ReplicaTarget.fallbackFor(NodeId.of("n3"), NodeId.of("n1"))), 1, 1, ConflictMode.SIBLINGS);
    assertThat(q.onReply(NodeId.of("n3"), StoredObject.empty())).isEqualTo(Outcome.PENDING); // r met, pr not
    assertThat(q.onReply(NodeId.of("n0"), v)).isEqualTo(Outcome.OK);
    assertThat(q.staleReplicas()).isEmpty(); // no primary is stale: the fallback's empty copy is not a replica
    // ... but it is a stale target: repaired with a hint for the primary it stands in for
    assertThat(q.staleTargets()).containsExactly(ReplicaTarget.fallbackFor(NodeId.of("n3"), NodeId.of("n1")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GetQuorum(
            List.of(ReplicaTarget.primary(NodeId.of("n0")), ReplicaTarget.fallbackFor(NodeId.of("n3"), NodeId.of("n1"))), 2, 2, ConflictMode.SIBLINGS))
        .hasMessageContaining("primaries");
  }

  @Example
  void staleTargetsAreListedInNodeOrderWhateverOrderTheyAnsweredIn() {
    StoredObject v = StoredObject.empty().write(Actor.of("n0", 1), VersionVector.empty(), Sibling.of(new byte[] {1}, "x/y", 1), ConflictMode.SIBLINGS);
    GetQuorum q = new GetQuorum(three(), 3, 0, ConflictMode.SIBLINGS);
    q.onReply(NodeId.of("n2"), StoredObject.empty());
    q.onReply(NodeId.of("n1"), StoredObject.empty());
    assertThat(q.onReply(NodeId.of("n0"), v)).isEqualTo(Outcome.OK);
    assertThat(q.staleReplicas()).containsExactly(NodeId.of("n1"), NodeId.of("n2"));
  }
}
