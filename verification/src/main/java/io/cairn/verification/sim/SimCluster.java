package io.cairn.verification.sim;

import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated cluster: N machines on one simulated network, sharing one scheduler. Each
 * machine's kernel writes dirty pages back every few seconds (what an mmap'd store keeps across
 * a power loss).
 */
final class SimCluster {

  final SimScheduler sim;
  final SimNetwork network;
  final List<SimNode> nodes = new ArrayList<>();
  final Ring ring;

  SimCluster(SimScheduler sim, SimSettings settings, SimRandom random, WireCodec codec, Map<String, BucketProps> buckets,
      HandlerWrapper handlerWrapper) {
    this(sim, settings, random, codec, buckets, handlerWrapper, true);
  }

  /** @param verifyChecksums false only for the negative control whose storage serves rotten values */
  SimCluster(SimScheduler sim, SimSettings settings, SimRandom random, WireCodec codec, Map<String, BucketProps> buckets,
      HandlerWrapper handlerWrapper, boolean verifyChecksums) {
    this.sim = sim;
    this.network = new SimNetwork(sim, random.split(), codec);
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= settings.nodes(); i++) {
      members.add(Member.of("n" + i));
    }
    ring = new Claim().claim(members, settings.partitions());
    List<NodeId> ids = members.stream().map(Member::id).toList();
    for (NodeId id : ids) {
      nodes.add(new SimNode(id, sim, network, random.split(), settings, codec, ring, buckets, handlerWrapper,
          verifyChecksums));
    }
    long writeBackMs = random.between(500, 5_000);
    Runnable[] kernel = new Runnable[1];
    kernel[0] = () -> {
      nodes.forEach(SimNode::writeBack);
      sim.after(writeBackMs, kernel[0]);
    };
    sim.after(writeBackMs, kernel[0]);
  }

  void startAll() {
    nodes.forEach(SimNode::start);
  }

  SimNode node(NodeId id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }
}
