package io.cairn.node.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.LocalCluster;
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
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deleted data must not come back (Cassandra's and Riak's resurrections): delete while one replica is partitioned away
 * holding the value, heal, reap — no read returns the value, and no replica holds it. The negative
 * control reaps on a timer alone, the way resurrection happens in the field, and the value returns.
 */
class DoomstoneTest {

  private static final BucketKey KEY = BucketKey.of("doom", "k");
  private final Random random = new Random(5);

  private GetResult get(LocalCluster c, String node, int r) throws Exception {
    return c.node(node).coordinator().get(new CoordinateGet(RequestId.random(random), KEY, r, 0, 0)).get(10, TimeUnit.SECONDS);
  }

  private StoredObject local(LocalCluster c, String node) {
    return c.node(node).store().get(new Partitioner(c.ring.partitionCount()).partitionOf(KEY.bucket(), KEY.key()), KEY);
  }

  /** Writes the value everywhere, then deletes it while n3 is partitioned away. */
  private void deleteWhileN3IsAway(LocalCluster c) throws Exception {
    var written = c.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random), KEY, VersionVector.empty(),
        Sibling.of(new byte[] {42}, "x/y", 1), 3, 0, 0)).get(10, TimeUnit.SECONDS);
    assertThat(written.outcome()).isEqualTo(QuorumOutcome.OK);
    c.network.takeDown(NodeId.of("n3"));
    VersionVector ctx = get(c, "n1", 2).object().context();
    var deleted = c.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random), KEY, ctx, Sibling.tombstone(2), 2, 0, 0))
        .get(10, TimeUnit.SECONDS);
    assertThat(deleted.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(local(c, "n3").liveSiblings()).hasSize(1); // n3 still holds the value
  }

  private int reapEverywhere(LocalCluster c) throws Exception {
    int reaped = 0;
    for (LocalCluster.Node n : c.nodes.values()) {
      if (c.network.isUp(n.id())) {
        reaped += n.reaper().reapRound().get(10, TimeUnit.SECONDS);
      }
    }
    return reaped;
  }

  @Test
  void aReapedTombstoneNeverBringsTheValueBack() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 8, Duration.ofSeconds(2))) {
      deleteWhileN3IsAway(c);
      assertThat(reapEverywhere(c)).as("no reap while a primary is away").isZero();
      c.network.bringUp(NodeId.of("n3"));
      assertThat(reapEverywhere(c)).as("no reap while a primary holds the value, not the tombstone").isZero();
      c.antiEntropyUntilQuiet(); // the tombstone reaches n3 and supersedes its value
      assertThat(local(c, "n3").isDeleted()).isTrue();
      assertThat(reapEverywhere(c)).as("no reap while n1 keeps its hint for n3").isZero();
      assertThat(c.deliverHints()).isEqualTo(1);
      assertThat(reapEverywhere(c)).isEqualTo(1);
      for (String n : List.of("n1", "n2", "n3")) {
        assertThat(local(c, n).isEmpty()).as("reaped on %s", n).isTrue();
      }
      c.antiEntropyUntilQuiet();
      GetResult read = get(c, "n2", 3);
      assertThat(read.outcome()).isEqualTo(QuorumOutcome.NOT_FOUND);
      assertThat(read.object().liveSiblings()).isEmpty();
      for (String n : List.of("n1", "n2", "n3")) {
        assertThat(local(c, n).liveSiblings()).as("no value on %s", n).isEmpty();
      }
    }
  }

  /**
   * In mmap mode a write lives in the page cache until the kernel writes it back. If a primary
   * confirmed a tombstone that was still only in memory, a power loss after the reap would bring back
   * its disk's older copy of the value. Each primary forces the tombstone to disk before it confirms.
   */
  @Test
  void aPowerLossAfterTheReapDoesNotBringTheValueBack() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 8, Duration.ofSeconds(2))) {
      var written = c.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random), KEY, VersionVector.empty(),
          Sibling.of(new byte[] {42}, "x/y", 1), 3, 0, 0)).get(10, TimeUnit.SECONDS);
      assertThat(written.outcome()).isEqualTo(QuorumOutcome.OK);
      c.nodes.values().forEach(n -> n.engine().writeBack()); // the value reached every disk
      VersionVector ctx = get(c, "n1", 3).object().context();
      var deleted = c.node("n1").coordinator().put(new CoordinatePut(RequestId.random(random), KEY, ctx, Sibling.tombstone(2), 3, 0, 0))
          .get(10, TimeUnit.SECONDS);
      assertThat(deleted.outcome()).isEqualTo(QuorumOutcome.OK);
      assertThat(reapEverywhere(c)).isEqualTo(1);

      c.powerLoss("n3");
      assertThat(local(c, "n3").liveSiblings()).as("n3's disk after the power loss").isEmpty();
      c.antiEntropyUntilQuiet();
      assertThat(get(c, "n1", 3).object().liveSiblings()).as("the deleted value stays deleted").isEmpty();
    }
  }

  /**
   * The reaper's own question to every primary, pinned without the hint check's help: the hint that
   * would carry the delete to n3 is gone (its holder lost its disk, or its store dropped it), so only
   * asking n3 shows that it still holds the value. Reaping then would let anti-entropy spread the
   * value back from n3.
   */
  @Test
  void aPrimaryStillHoldingTheValueBlocksTheReapWhenNoHintIsLeft() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 8, Duration.ofSeconds(2))) {
      deleteWhileN3IsAway(c);
      for (LocalCluster.Node n : c.nodes.values()) {
        for (var hint : n.hints().forTarget(NodeId.of("n3"), 10)) {
          n.hints().remove(hint);
        }
      }
      c.network.bringUp(NodeId.of("n3"));
      assertThat(reapEverywhere(c)).as("no reap while n3 holds the value, not the tombstone").isZero();
      c.antiEntropyUntilQuiet();
      assertThat(local(c, "n3").isDeleted()).isTrue();
      assertThat(reapEverywhere(c)).isEqualTo(1);
      c.antiEntropyUntilQuiet();
      assertThat(get(c, "n2", 3).outcome()).isEqualTo(QuorumOutcome.NOT_FOUND);
      for (String n : List.of("n1", "n2", "n3")) {
        assertThat(local(c, n).liveSiblings()).as("no value on %s", n).isEmpty();
      }
    }
  }

  @Test
  void reapingOnATimerAloneResurrectsTheValue() throws Exception {
    try (LocalCluster c = new LocalCluster(3, 8, Duration.ofSeconds(2))) {
      deleteWhileN3IsAway(c);
      int partition = new Partitioner(c.ring.partitionCount()).partitionOf(KEY.bucket(), KEY.key());
      // the naive rule: the grace period passed, so drop the tombstone where it is
      c.node("n1").engine().delete(partition, KEY);
      c.node("n2").engine().delete(partition, KEY);
      c.node("n1").trees().rebuild(partition, c.node("n1").engine());
      c.node("n2").trees().rebuild(partition, c.node("n2").engine());
      // ... and the hint that would carry the tombstone to n3 is gone (stores that expire hints on a
      // timer drop it): a read that asks n1 would otherwise still see the tombstone in it
      for (var hint : c.node("n1").hints().forTarget(NodeId.of("n3"), 10)) {
        c.node("n1").hints().remove(hint);
      }
      c.network.bringUp(NodeId.of("n3"));
      c.antiEntropyUntilQuiet();
      assertThat(get(c, "n1", 3).object().liveSiblings()).as("the deleted value is back").hasSize(1);
    }
  }
}
