package io.cairn.node.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.node.coordinator.PutResult;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Anti-entropy between node cores: what hints and read repair never touched still converges. */
class AntiEntropyTest {

  private final Random random = new Random(11);

  private PutResult put(LocalCluster c, String node, String key, String value, VersionVector ctx) throws Exception {
    return c.node(node).coordinator().put(new CoordinatePut(RequestId.random(random), BucketKey.of("ae", key), ctx,
        Sibling.of(value.getBytes(StandardCharsets.UTF_8), "text/plain", 1), 2, 0, 0)).get(10, TimeUnit.SECONDS);
  }

  private static StoredObject local(LocalCluster c, String node, String key) {
    int p = new Partitioner(c.ring.partitionCount()).partitionOf("ae", key);
    return c.node(node).store().get(p, BucketKey.of("ae", key));
  }

  private static void exchangeUntilQuiet(LocalCluster c) throws Exception {
    c.antiEntropyUntilQuiet();
  }

  @Test
  void aNodeThatMissedWritesGetsThemAllWithoutHintedHandoff() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 16, Duration.ofSeconds(2))) {
      c.network.takeDown(NodeId.of("n3"));
      for (int i = 0; i < 60; i++) {
        assertThat(put(c, "n1", "k" + i, "v" + i, VersionVector.empty()).outcome()).isEqualTo(QuorumOutcome.OK);
      }
      c.network.bringUp(NodeId.of("n3")); // hints are never delivered in this test
      assertThat(local(c, "n3", "k0").isEmpty()).isTrue();
      exchangeUntilQuiet(c);
      for (int i = 0; i < 60; i++) {
        assertThat(local(c, "n3", "k" + i).liveSiblings()).as("k%d on n3", i).hasSize(1);
      }
      for (int p = 0; p < c.ring.partitionCount(); p++) {
        assertThat(c.node("n3").trees().verify(p, c.node("n3").engine())).as("tree of partition %d matches storage", p).isTrue();
      }
    }
  }

  /**
   * Lost disk, then at once a blind write of a key the node had itself written before: returns the
   * values of that key everywhere after anti-entropy.
   */
  private List<List<String>> wipeThenWrite(boolean noticed) throws Exception {
    try (LocalCluster c = new LocalCluster(3, 16, Duration.ofSeconds(2))) {
      for (int i = 0; i < 40; i++) {
        put(c, "n" + (1 + i % 3), "k" + i, "old" + i, VersionVector.empty());
      }
      // n2 coordinates two writes of k5, so its actor's counter for k5 is at 2 everywhere
      put(c, "n2", "k5", "by-n2-a", VersionVector.empty());
      exchangeUntilQuiet(c);
      put(c, "n2", "k5", "by-n2-b", local(c, "n1", "k5").context());
      exchangeUntilQuiet(c);
      c.wipe("n2", noticed);
      PutResult fresh = put(c, "n2", "k5", "new5", VersionVector.empty());
      assertThat(fresh.outcome()).isEqualTo(QuorumOutcome.OK);
      exchangeUntilQuiet(c);
      for (int i = 0; i < 40; i++) {
        assertThat(local(c, "n2", "k" + i).isEmpty()).as("k%d refilled on n2", i).isFalse();
      }
      List<List<String>> out = new ArrayList<>();
      for (String n : List.of("n1", "n2", "n3")) {
        out.add(local(c, n, "k5").liveSiblings().stream().map(s -> new String(s.value(), StandardCharsets.UTF_8)).sorted().toList());
      }
      return out;
    }
  }

  @Test
  void aWipedReplicaIsRefilledAndAWriteItCoordinatesRightAfterIsNotLost() throws Exception {
    for (List<String> values : wipeThenWrite(true)) { // the node's own rule gives it a new epoch
      assertThat(values).contains("new5", "by-n2-b");
    }
  }

  @Test
  void withoutTheNewEpochThatWriteIsLostKv679() throws Exception {
    // negative control: a node not told that its storage is gone keeps its identity, and so its
    // old actor: the new write's dot is one every other replica has already seen and superseded,
    // so anti-entropy merges it away
    for (List<String> values : wipeThenWrite(false)) {
      assertThat(values).doesNotContain("new5");
    }
  }

  @Test
  void aTreeThatDriftedFromStorageIsFoundAndRebuilt() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 4, Duration.ofSeconds(2))) {
      for (int i = 0; i < 20; i++) {
        put(c, "n1", "k" + i, "v", VersionVector.empty());
      }
      LocalCluster.Node n1 = c.node("n1");
      int p = new Partitioner(4).partitionOf("ae", "k3");
      n1.trees().changed(p, BucketKey.of("ae", "ghost"), null, new byte[] {1, 2, 3}); // an update storage never saw
      assertThat(n1.trees().verify(p, n1.engine())).isFalse();
      int mismatches = 0;
      for (int i = 0; i < 8; i++) {
        mismatches += n1.antiEntropy().verifyNext() ? 0 : 1;
      }
      assertThat(mismatches).isEqualTo(1);
      assertThat(n1.trees().verify(p, n1.engine())).isTrue();
    }
  }

  @Test
  void anExchangeStopsAtItsByteBudgetAndTheNextOneContinues() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 1, Duration.ofSeconds(2))) {
      c.network.takeDown(NodeId.of("n3"));
      for (int i = 0; i < 10; i++) {
        put(c, "n1", "k" + i, "v" + i, VersionVector.empty());
      }
      c.network.bringUp(NodeId.of("n3"));
      LocalCluster.Node n1 = c.node("n1");
      AntiEntropy ae = c.antiEntropy(n1.id(), n1.rings(), n1.buckets(), n1.trees(), n1.store(), 1);
      assertThat(ae.exchange(0, NodeId.of("n3")).get(10, TimeUnit.SECONDS).keysRepaired()).isEqualTo(1);
      int total = 1;
      for (int i = 0; i < 20 && total < 10; i++) {
        total += ae.exchange(0, NodeId.of("n3")).get(10, TimeUnit.SECONDS).keysRepaired();
      }
      assertThat(total).isEqualTo(10);
    }
  }

  @Test
  void inSyncReplicasCompareOnlyTheirRoots() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 4, Duration.ofSeconds(2))) {
      for (int i = 0; i < 30; i++) {
        put(c, "n1", "k" + i, "v", VersionVector.empty());
      }
      exchangeUntilQuiet(c);
      int p = new Partitioner(4).partitionOf("ae", "k1");
      NodeId peer = c.ring.preferenceList(p, 3).primaries().stream().filter(x -> !x.value().equals("n1")).findFirst().orElseThrow();
      ExchangeResult r = c.node("n1").antiEntropy().exchange(p, peer).get(10, TimeUnit.SECONDS);
      assertThat(r.inSync()).isTrue();
      assertThat(r.nodesCompared()).isEqualTo(1);
    }
  }
}
