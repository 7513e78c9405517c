package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.node.coordinator.PutResult;
import io.cairn.storage.Durability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The simulator's bit-rot fault: values damaged on a stopped node's disk are found when it starts,
 * counted, never served as its copy, and anti-entropy gives the node the right values back.
 */
class BitRotSimTest {

  private static final int KEYS = 30;

  private static SimSettings settings() {
    return new SimSettings(3, 8, 16, Durability.FSYNC, 500, 100, 200, 1000, 500, 2000, 1000, 10_000, 2, 50, 2000);
  }

  private static String value(int i) {
    return "1,2," + (100 + i);
  }

  @Test
  void rottenValuesAreFoundNeverServedAndRepaired() {
    SimScheduler sim = new SimScheduler();
    SimCluster cluster = new SimCluster(sim, settings(), new SimRandom(3), new WireCodec(), Map.of(), HandlerWrapper.NONE);
    cluster.startAll();
    sim.runUntil(1_000);
    SimNode n1 = cluster.nodes.get(0);
    List<CompletableFuture<PutResult>> puts = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      puts.add(n1.put(BucketKey.of("b", "k" + i), VersionVector.empty(), value(i).getBytes(StandardCharsets.UTF_8), false));
    }
    sim.runUntil(5_000);
    puts.forEach(p -> assertThat(p.join().outcome()).isEqualTo(QuorumOutcome.OK));
    sim.runUntil(15_000); // every replica has every key (the third copy is sent too)

    SimNode n2 = cluster.nodes.get(1);
    n2.crash(CrashKind.BIT_ROT);
    assertThat(n2.rottenValues()).isPositive();
    n2.start(); // rebuilding its Merkle trees scans storage: every rotten value is found then
    assertThat(n2.checksumFailures()).isEqualTo(n2.rottenValues());
    int missing = 0;
    for (int i = 0; i < KEYS; i++) {
      Optional<String> copy = copyOf(n2, i);
      if (copy.isEmpty()) {
        missing++;
      } else {
        assertThat(copy.get()).as("k%d on n2", i).isEqualTo(value(i));
      }
    }
    assertThat(missing).as("rotten copies read as missing").isEqualTo(n2.rottenValues());

    sim.runUntil(sim.now() + 60_000);
    for (int i = 0; i < KEYS; i++) {
      assertThat(copyOf(n2, i)).as("k%d on n2 after repair", i).contains(value(i));
    }
  }

  private static Optional<String> copyOf(SimNode node, int i) {
    StoredObject copy = node.localCopy(BucketKey.of("b", "k" + i)).orElseThrow();
    List<Sibling> live = copy.liveSiblings();
    assertThat(live.size()).isLessThanOrEqualTo(1);
    return live.stream().findFirst().map(s -> new String(s.value(), StandardCharsets.UTF_8));
  }

  @Test
  void aWriteAfterRotFoundWhileRunningIsMintedUnderANewEpochAndLosesNothing() {
    SimScheduler sim = new SimScheduler();
    SimCluster cluster = new SimCluster(sim, settings(), new SimRandom(4), new WireCodec(), Map.of(), HandlerWrapper.NONE);
    cluster.startAll();
    sim.runUntil(1_000);
    SimNode n1 = cluster.nodes.get(0);
    for (int i = 0; i < KEYS; i++) {
      n1.put(BucketKey.of("b", "k" + i), VersionVector.empty(), value(i).getBytes(StandardCharsets.UTF_8), false);
    }
    sim.runUntil(15_000);
    long epoch = n1.epoch();

    assertThat(n1.rotWhileRunning()).isPositive();
    // blind writes (no context) through the rotten node: each must add a sibling, never replace
    List<CompletableFuture<PutResult>> puts = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      puts.add(n1.put(BucketKey.of("b", "k" + i), VersionVector.empty(), ("9," + i).getBytes(StandardCharsets.UTF_8), false));
    }
    sim.runUntil(sim.now() + 5_000);
    puts.forEach(p -> assertThat(p.join().outcome()).isEqualTo(QuorumOutcome.OK));
    assertThat(n1.checksumFailures()).isPositive();
    assertThat(n1.epoch()).as("a new actor before minting over a lost copy").isGreaterThan(epoch);
    assertThat(n1.core().identity().epoch()).isEqualTo(n1.epoch());

    sim.runUntil(sim.now() + 60_000);
    SimNode n2 = cluster.nodes.get(1);
    for (int i = 0; i < KEYS; i++) {
      StoredObject copy = n2.localCopy(BucketKey.of("b", "k" + i)).orElseThrow();
      assertThat(copy.liveSiblings()).extracting(sib -> new String(sib.value(), StandardCharsets.UTF_8))
          .as("k%d: the first write survives the rot of n1's copy", i)
          .containsExactlyInAnyOrder(value(i), "9," + i);
    }
  }
}
