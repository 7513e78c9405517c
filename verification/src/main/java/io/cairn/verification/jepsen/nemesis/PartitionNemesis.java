package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Network partitions by iptables inside the containers: each node drops inbound packets from the
 * peers its grudge names. Healing flushes the rules. Clients reach nodes through the host, which
 * no grudge names, so every side keeps serving — as in Jepsen.
 */
public final class PartitionNemesis implements Nemesis {
  private final DockerCluster cluster;
  private final BiFunction<List<String>, Random, Grudge> grudges;

  public PartitionNemesis(DockerCluster cluster, BiFunction<List<String>, Random, Grudge> grudges) {
    this.cluster = cluster;
    this.grudges = grudges;
  }

  @Override
  public String startF() {
    return "start-partition";
  }

  @Override
  public String stopF() {
    return "stop-partition";
  }

  @Override
  public Object start(Random random) {
    Grudge grudge = grudges.apply(cluster.nodes(), random);
    grudge.drops().entrySet().parallelStream().forEach(e -> {
      if (!e.getValue().isEmpty()) {
        StringBuilder script = new StringBuilder();
        for (String peer : e.getValue()) {
          script.append("iptables -w -A INPUT -s ").append(cluster.ip(peer)).append(" -j DROP && ");
        }
        cluster.sh(e.getKey(), script.append("true").toString());
      }
    });
    return grudge.asValue();
  }

  @Override
  public Object stop() {
    return flushAll(cluster);
  }

  static String flushAll(DockerCluster cluster) {
    cluster.nodes().parallelStream().forEach(node -> cluster.sh(node, "iptables -w -F && iptables -w -X"));
    return "network healed";
  }
}
