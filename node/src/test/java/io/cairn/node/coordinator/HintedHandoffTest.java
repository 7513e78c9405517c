package io.cairn.node.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.handoff.HintedHandoff;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HintedHandoffTest {

  @Test
  void hintsReachTheReturningPrimaryAndAreDeletedOnlyThen() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, 16, Duration.ofSeconds(2))) {
      NodeId n3 = NodeId.of("n3");
      cluster.network.takeDown(n3);
      Random random = new Random(1);
      for (int i = 0; i < 20; i++) {
        PutResult r = cluster.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random),
            BucketKey.of("b", "k" + i), VersionVector.empty(), Sibling.of(new byte[] {(byte) i}, "x/y", 1), 2, 0, 0))
            .get(10, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(QuorumOutcome.OK);
      }
      LocalCluster.Node n1 = cluster.node("n1");
      HintedHandoff handoff = new HintedHandoff(n1.hints(), cluster.network.transportFor(NodeId.of("n1")),
          cluster.network::isUp, new BucketRegistry(BucketProps.DEFAULT, () -> 3), cluster.codec, 100, Duration.ofSeconds(2));
      assertThat(handoff.deliverRound().get(10, TimeUnit.SECONDS)).isZero(); // still down: nothing sent, nothing lost
      assertThat(n1.hints().pendingCount()).isEqualTo(20);

      cluster.network.bringUp(n3);
      assertThat(handoff.deliverRound().get(10, TimeUnit.SECONDS)).isEqualTo(20);
      assertThat(n1.hints().pendingCount()).isZero();
      Partitioner partitioner = new Partitioner(cluster.ring.partitionCount());
      for (int i = 0; i < 20; i++) {
        BucketKey k = BucketKey.of("b", "k" + i);
        assertThat(cluster.node("n3").store().get(partitioner.partitionOf("b", "k" + i), k).liveSiblings())
            .as("hinted write %d on the returned primary", i).hasSize(1);
      }
    }
  }
}
