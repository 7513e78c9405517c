package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Example;

/**
 * The Riak "KV679" bug class (basho/riak_kv#679): a replica that loses its data
 * and keeps minting dots under its old actor id reuses counters its peers have already seen, so its
 * new, acknowledged writes look like old history and are merged away. Cairn's actor is
 * (node id, epoch) and the epoch is bumped on data loss; this shows both sides of that rule.
 */
class Kv679Test {

  /** r0 writes twice, r1 learns both, r0 loses its disk and writes again, then they merge. */
  private static ReplicaModel scenario(boolean bumpEpochOnWipe) {
    ReplicaModel model = new ReplicaModel(2, bumpEpochOnWipe);
    ReplicaModel.Knowledge k = model.write(0, ReplicaModel.Knowledge.none()); // write 0
    model.write(0, k); // write 1 supersedes write 0
    model.sync(0, 1);
    model.wipe(0);
    model.write(0, ReplicaModel.Knowledge.none()); // write 2: acknowledged, concurrent with write 1
    model.sync(1, 0);
    model.sync(0, 1);
    return model;
  }

  @Example
  void withANewEpochTheWriteAfterDataLossSurvives() {
    ReplicaModel model = scenario(true);
    BitSet all = model.history(0);
    all.or(model.history(1));
    assertThat(model.expectedSiblings(all)).containsExactlyInAnyOrder(1, 2);
    for (int r = 0; r < 2; r++) {
      assertThat(model.state(r).values()).containsExactlyInAnyOrder(1, 2);
    }
  }

  @Example
  void reusingTheOldActorLosesTheAcknowledgedWrite() {
    // Negative control: without the epoch bump write 2 gets dot r0@0:1, which r1 has already seen
    // (as write 0) and superseded, so the merge silently drops the acknowledged write 2.
    ReplicaModel model = scenario(false);
    assertThat(model.dotOf(2)).isEqualTo(model.dotOf(0));
    for (int r = 0; r < 2; r++) {
      assertThat(model.state(r).values()).doesNotContain(2);
    }
    assertThat(model.state(1).values()).isEqualTo(List.of(1));
  }
}
