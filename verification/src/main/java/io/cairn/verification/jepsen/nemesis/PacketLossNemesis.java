package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random packet loss between nodes with iptables' {@code statistic} match ({@code tc netem} is not
 * available in this kernel): every node drops the given share of inbound packets from its peers.
 */
public final class PacketLossNemesis implements Nemesis {
  private final DockerCluster cluster;
  private final double probability;

  public PacketLossNemesis(DockerCluster cluster, double probability) {
    this.cluster = cluster;
    this.probability = probability;
  }

  @Override
  public String startF() {
    return "start-loss";
  }

  @Override
  public String stopF() {
    return "stop-loss";
  }

  @Override
  public Object start(Random random) {
    String p = String.format(Locale.ROOT, "%.3f", probability);
    cluster.nodes().parallelStream().forEach(node -> {
      StringBuilder script = new StringBuilder();
      for (String peer : cluster.nodes()) {
        if (!peer.equals(node)) {
          script.append("iptables -w -A INPUT -s ").append(cluster.ip(peer))
              .append(" -m statistic --mode random --probability ").append(p)
              .append(" -j DROP && ");
        }
      }
      cluster.sh(node, script.append("true").toString());
    });
    Map<String, Object> value = new TreeMap<>();
    value.put("probability", probability);
    value.put("nodes", cluster.nodes());
    return value;
  }

  @Override
  public Object stop() {
    return PartitionNemesis.flushAll(cluster);
  }
}
