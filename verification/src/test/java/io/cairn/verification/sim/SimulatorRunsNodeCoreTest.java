package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.NodeRuntime;
import io.cairn.node.assembly.NodeCore;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator checks the node's own core, not a model of it: every simulated node runs the very
 * {@link NodeCore} class a real node builds, so a rule broken in the core is broken in the
 * simulator too (the epoch rule below is the core's, not the simulator's).
 */
class SimulatorRunsNodeCoreTest {

  private static SimSettings settings(Durability durability) {
    return new SimSettings(3, 8, 16, durability, 500, 100, 200, 1000, 500, 2000, 1000, 10_000, 2, 50, 2000);
  }

  @Test
  void everySimulatedNodeRunsTheNodeRuntimesCoreClass() throws Exception {
    Field runtimeCore = NodeRuntime.class.getDeclaredField("core");
    assertThat(runtimeCore.getType()).isEqualTo(NodeCore.class);
    SimScheduler sim = new SimScheduler();
    SimCluster cluster = new SimCluster(sim, settings(Durability.FSYNC), new SimRandom(1), new WireCodec(), Map.of(),
        HandlerWrapper.NONE);
    cluster.startAll();
    for (SimNode node : cluster.nodes) {
      assertThat(node.core()).isNotNull();
      assertThat(node.core().getClass()).isSameAs(runtimeCore.getType());
    }
  }

  @Test
  void aPowerLossOfAnMmapNodeGivesItANewEpochByTheCoresOwnRule() {
    SimScheduler sim = new SimScheduler();
    SimCluster cluster = new SimCluster(sim, settings(Durability.MMAP), new SimRandom(2), new WireCodec(), Map.of(),
        HandlerWrapper.NONE);
    cluster.startAll();
    sim.runUntil(1_000);
    SimNode n1 = cluster.nodes.get(0);
    var put = n1.put(BucketKey.of("b", "k"), VersionVector.empty(), new byte[] {1}, false);
    sim.runUntil(3_000);
    assertThat(put.join().outcome()).isEqualTo(QuorumOutcome.OK);
    long before = n1.epoch();
    assertThat(n1.core().identity().epoch()).isEqualTo(before);
    n1.crash(CrashKind.PROCESS);
    n1.start();
    assertThat(n1.epoch()).as("a process crash keeps the epoch").isEqualTo(before);
    n1.crash(CrashKind.POWER);
    n1.start();
    assertThat(n1.epoch()).as("an mmap power loss may lose writes: a new actor").isGreaterThan(before);
    assertThat(n1.core().identity().epoch()).isEqualTo(n1.epoch());
  }
}
