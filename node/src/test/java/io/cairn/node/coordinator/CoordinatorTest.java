package io.cairn.node.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coordinated puts and gets across node cores on an in-process network. */
class CoordinatorTest {

  private static final BucketKey KEY = BucketKey.of("b", "k");
  private final Random random = new Random(42);
  private LocalCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Sibling value(String s) {
    return Sibling.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 1);
  }

  private PutResult put(String node, BucketKey key, VersionVector ctx, String v, int w) throws Exception {
    return cluster.node(node).coordinator()
        .put(new CoordinatePut(RequestId.random(random), key, ctx, value(v), w, 0, 0)).get(10, TimeUnit.SECONDS);
  }

  private GetResult get(String node, BucketKey key, int r) throws Exception {
    return cluster.node(node).coordinator()
        .get(new CoordinateGet(RequestId.random(random), key, r, 0, 0)).get(10, TimeUnit.SECONDS);
  }

  private static List<String> values(StoredObject o) {
    return o.liveSiblings().stream().map(s -> new String(s.value(), StandardCharsets.UTF_8)).sorted().toList();
  }

  private int partitionOf(BucketKey key) {
    return new Partitioner(cluster.ring.partitionCount()).partitionOf(key.bucket(), key.key());
  }

  @Test
  void aGetOrPutThatNoOtherNodeTakesPartInSetsNoTimer() throws Exception {
    // timers cost a scheduler entry and a cancellation on every request; one node decides alone
    cluster = new LocalCluster(1, 8, Duration.ofSeconds(5));
    cluster.node("n1").buckets().set(KEY.bucket(), new BucketProps(1, 1, 1,
        ConflictMode.SIBLINGS));
    assertThat(put("n1", KEY, VersionVector.empty(), "v", 1).outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(values(get("n1", KEY, 1).object())).containsExactly("v");
    assertThat(cluster.timers).isInstanceOfSatisfying(ThreadPoolExecutor.class,
        t -> assertThat(t.getTaskCount()).isZero());
  }

  @Test
  void aGetThatAsksOtherNodesHasADeadline() throws Exception {
    cluster = new LocalCluster(3, 8, Duration.ofSeconds(5));
    put("n1", KEY, VersionVector.empty(), "v", 3);
    assertThat(values(get("n1", KEY, 2).object())).containsExactly("v");
    assertThat(cluster.timers).isInstanceOfSatisfying(ThreadPoolExecutor.class,
        t -> assertThat(t.getTaskCount()).isPositive());
  }

  @Test
  void aWriteIsReadableFromAnyNodeAndOnEveryReplica() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    assertThat(put("n1", KEY, VersionVector.empty(), "v1", 0).outcome()).isEqualTo(QuorumOutcome.OK);
    GetResult read = get("n2", KEY, 0);
    assertThat(read.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(values(read.object())).containsExactly("v1");
    await().atMost(5, TimeUnit.SECONDS).until(() -> cluster.nodes.values().stream()
        .allMatch(n -> values(n.store().get(partitionOf(KEY), KEY)).equals(List.of("v1"))));
  }

  /** Regression (simulator seed 214): a put delivered twice was applied twice, under two dots. */
  @Test
  void theSamePutArrivingTwiceIsAppliedOnce() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    CoordinatePut request = new CoordinatePut(RequestId.random(random), KEY, VersionVector.empty(), value("once"), 3, 0, 0);
    PutResult first = cluster.node("n1").coordinator().put(request).get(10, TimeUnit.SECONDS);
    PutResult again = cluster.node("n1").coordinator().put(request).get(10, TimeUnit.SECONDS);
    assertThat(again).isEqualTo(first);
    assertThat(get("n2", KEY, 3).object().siblingCount()).isEqualTo(1);
  }

  @Test
  void concurrentBlindWritesBecomeSiblingsAndAMergedContextCollapsesThem() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    put("n1", KEY, VersionVector.empty(), "a", 3);
    put("n2", KEY, VersionVector.empty(), "b", 3);
    GetResult both = get("n3", KEY, 3);
    assertThat(values(both.object())).containsExactly("a", "b");
    PutResult resolved = put("n3", KEY, both.object().context(), "ab", 3);
    assertThat(resolved.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(values(get("n1", KEY, 3).object())).containsExactly("ab");
  }

  @Test
  void aPutAnswersItsValuesOnlyWhenThereAreConcurrentOnesAndItsContextAlwaysSupersedes() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    PutResult alone = put("n1", KEY, VersionVector.empty(), "a", 3);
    // the writer's own value is not sent back (nor kept in the duplicate-put memory)
    assertThat(alone.object().siblingCount()).isZero();
    assertThat(alone.object().context().isEmpty()).isFalse();
    PutResult concurrent = put("n2", KEY, VersionVector.empty(), "b", 3);
    assertThat(values(concurrent.object())).containsExactly("a", "b");
    // the bare context of an answer without values still covers what it wrote
    PutResult next = put("n3", KEY, concurrent.object().context(), "c", 3);
    PutResult after = put("n1", KEY, next.object().context(), "d", 3);
    assertThat(after.object().siblingCount()).isZero();
    assertThat(values(get("n2", KEY, 3).object())).containsExactly("d");
  }

  @Test
  void aDeleteWithContextReadsAsNotFound() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    put("n1", KEY, VersionVector.empty(), "v", 3);
    VersionVector ctx = get("n2", KEY, 2).object().context();
    PutResult deleted = cluster.node("n2").coordinator()
        .put(new CoordinatePut(RequestId.random(random), KEY, ctx, Sibling.tombstone(2), 3, 0, 0)).get(10, TimeUnit.SECONDS);
    assertThat(deleted.outcome()).isEqualTo(QuorumOutcome.OK);
    GetResult read = get("n3", KEY, 2);
    assertThat(read.outcome()).isEqualTo(QuorumOutcome.NOT_FOUND);
    assertThat(read.object().context().isEmpty()).isFalse(); // a context to supersede the tombstone
  }

  @Test
  void withOnePrimaryDownAThreeNodeClusterStillTakesW2AndKeepsAHintForIt() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    cluster.network.takeDown(NodeId.of("n3"));
    PutResult r = put("n1", KEY, VersionVector.empty(), "v", 2);
    assertThat(r.outcome()).isEqualTo(QuorumOutcome.OK);
    // no fallback exists with 3 nodes and N=3: the coordinator keeps the hint itself
    assertThat(cluster.node("n1").hints().forTarget(NodeId.of("n3"), 10)).hasSize(1);
    assertThat(put("n1", KEY, VersionVector.empty(), "v2", 3).outcome()).isEqualTo(QuorumOutcome.FAILED);
  }

  /** Regression, found by NodeProcessKillTest: writes during failure-detector lag left no hint. */
  @Test
  void aPrimaryThatFailsBeforeTheDetectorNoticesStillGetsAHint() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    cluster.network.crashUnnoticed(NodeId.of("n3"));
    assertThat(put("n1", KEY, VersionVector.empty(), "v", 2).outcome()).isEqualTo(QuorumOutcome.OK);
    await().atMost(5, TimeUnit.SECONDS).until(() -> cluster.node("n1").hints().forTarget(NodeId.of("n3"), 10).size() == 1);
  }

  @Test
  void withAPrimaryDownAFallbackTakesTheWriteAsAHint() throws Exception {
    cluster = new LocalCluster(4, 16, Duration.ofSeconds(2));
    NodeId coordinator = cluster.ring.preferenceList(partitionOf(KEY), 3).primaries().get(0);
    NodeId downPrimary = cluster.ring.preferenceList(partitionOf(KEY), 3).primaries().get(2);
    NodeId fallback = cluster.ring.preferenceList(partitionOf(KEY), 3).fallbacks().get(0);
    cluster.network.takeDown(downPrimary);
    PutResult r = put(coordinator.value(), KEY, VersionVector.empty(), "v", 3); // w=3 needs the fallback
    assertThat(r.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(cluster.nodes.get(fallback).hints().forTarget(downPrimary, 10)).hasSize(1);
    assertThat(cluster.nodes.get(fallback).store().get(partitionOf(KEY), KEY).isEmpty()).isTrue();
  }

  @Test
  void aNonPrimaryForwardsToAPrimary() throws Exception {
    cluster = new LocalCluster(4, 16, Duration.ofSeconds(2));
    NodeId outsider = cluster.ring.preferenceList(partitionOf(KEY), 3).fallbacks().get(0);
    assertThat(put(outsider.value(), KEY, VersionVector.empty(), "v", 2).outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(cluster.nodes.get(outsider).store().get(partitionOf(KEY), KEY).isEmpty()).isTrue();
    assertThat(values(get(outsider.value(), KEY, 2).object())).containsExactly("v");
  }

  @Test
  void aGetRepairsAStaleReplica() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    cluster.network.takeDown(NodeId.of("n3"));
    put("n1", KEY, VersionVector.empty(), "v", 2);
    cluster.network.bringUp(NodeId.of("n3"));
    assertThat(cluster.node("n3").store().get(partitionOf(KEY), KEY).isEmpty()).isTrue();
    assertThat(values(get("n1", KEY, 3).object())).containsExactly("v");
    await().atMost(5, TimeUnit.SECONDS).until(() -> values(cluster.node("n3").store().get(partitionOf(KEY), KEY)).equals(List.of("v")));
  }

  /**
   * Jepsen's Riak partition, from the minority's side: every primary of the key is out of reach. A
   * get asks the first N reachable nodes, so the fallbacks holding the hinted writes answer it.
   */
  @Test
  void withEveryPrimaryAwayAGetIsAnsweredByTheFallbacksFromTheirHints() throws Exception {
    cluster = new LocalCluster(5, 16, Duration.ofSeconds(2));
    var pl = cluster.ring.preferenceList(partitionOf(KEY), 3);
    pl.primaries().forEach(cluster.network::takeDown);
    String f1 = pl.fallbacks().get(0).value();
    String f2 = pl.fallbacks().get(1).value();
    assertThat(put(f1, KEY, VersionVector.empty(), "v", 2).outcome()).isEqualTo(QuorumOutcome.OK);
    GetResult read = get(f2, KEY, 2);
    assertThat(read.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(values(read.object())).containsExactly("v");
    // pr counts primaries only: none can answer
    GetResult strict = cluster.node(f2).coordinator()
        .get(new CoordinateGet(RequestId.random(random), KEY, 2, 1, 0)).get(10, TimeUnit.SECONDS);
    assertThat(strict.outcome()).isEqualTo(QuorumOutcome.FAILED);
    assertThat(strict.detail()).contains("0 primaries");
  }

  @Test
  void aStaleFallbackIsRepairedWithAHintForThePrimaryItStandsInFor() throws Exception {
    cluster = new LocalCluster(5, 16, Duration.ofSeconds(2));
    var pl = cluster.ring.preferenceList(partitionOf(KEY), 3);
    pl.primaries().forEach(cluster.network::takeDown);
    NodeId f1 = pl.fallbacks().get(0);
    NodeId f2 = pl.fallbacks().get(1);
    cluster.network.takeDown(f2);
    assertThat(put(f1.value(), KEY, VersionVector.empty(), "v", 1).outcome()).isEqualTo(QuorumOutcome.OK);
    cluster.network.bringUp(f2);
    assertThat(cluster.nodes.get(f2).hints().pendingCount()).isZero();
    assertThat(values(get(f1.value(), KEY, 2).object())).containsExactly("v");
    // f2 stood in for the second primary and had nothing: it now keeps the merged copy for it
    await().atMost(5, TimeUnit.SECONDS).until(() -> cluster.nodes.get(f2).hints().forTarget(pl.primaries().get(1), 10).size() == 1);
    assertThat(cluster.nodes.get(f2).store().get(partitionOf(KEY), KEY).isEmpty()).isTrue();
  }

  /**
   * A value only the coordinator holds (a write it applied but could not replicate) is on at least r
   * nodes by the time a read returns it: read repair of the repliers blocks the answer, so the value
   * cannot be read and then lost with the coordinator's disk (simulator seed 1785).
   */
  @Test
  void whatAReadReturnsIsHeldByRNodesWhenItIsAnswered() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    int partition = partitionOf(KEY);
    cluster.node("n1").store().write(partition, KEY, io.cairn.protocol.causality.Actor.of("n1", 1), VersionVector.empty(),
        value("only-on-n1"), io.cairn.protocol.object.ConflictMode.SIBLINGS);
    // counted in the completion itself: the moment the client would see the value
    long[] holders = new long[1];
    GetResult read = cluster.node("n1").coordinator().get(new CoordinateGet(RequestId.random(random), KEY, 2, 0, 0))
        .whenComplete((r, e) -> holders[0] = cluster.nodes.values().stream()
            .filter(n -> values(n.store().get(partition, KEY)).contains("only-on-n1")).count())
        .get(10, TimeUnit.SECONDS);
    assertThat(values(read.object())).containsExactly("only-on-n1");
    assertThat(holders[0]).as("nodes holding the value when the read answered").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aGetWithTooFewReplicasIsUnavailable() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    cluster.network.takeDown(NodeId.of("n2"));
    cluster.network.takeDown(NodeId.of("n3"));
    GetResult r = get("n1", KEY, 2);
    assertThat(r.outcome()).isEqualTo(QuorumOutcome.FAILED);
    assertThat(r.detail()).contains("not enough replicas reachable");
  }

  @Test
  void impossibleQuorumsAndOversizedValuesAreRejectedBeforeAnythingIsWritten() {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    assertThatThrownBy(() -> put("n1", KEY, VersionVector.empty(), "v", 4)).hasMessageContaining("w=4");
    assertThatThrownBy(() -> cluster.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random), KEY,
        VersionVector.empty(), Sibling.of(new byte[(1 << 20) + 1], "x/y", 1), 0, 0, 0)))
        .isInstanceOf(ValueTooLargeRequestException.class);
  }
}
