package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.List;
import java.util.Random;

/**
 * {@code kill -9} of node processes, then a restart on the same data directory and address. With
 * {@link Targets#ALL} every node dies at once: acknowledged writes must then survive on what each
 * node's storage had made durable.
 */
public final class KillNemesis implements Nemesis {
  private final DockerCluster cluster;
  private final Targets targets;

  public KillNemesis(DockerCluster cluster, Targets targets) {
    this.cluster = cluster;
    this.targets = targets;
  }

  @Override
  public String startF() {
    return "kill";
  }

  @Override
  public String stopF() {
    return "start";
  }

  @Override
  public Object start(Random random) {
    List<String> victims = targets.pick(cluster.nodes(), random);
    victims.parallelStream().forEach(node -> cluster.nodeCtl(node, "kill"));
    return victims;
  }

  @Override
  public Object stop() {
    // start is idempotent: nodes that were not killed are left running
    cluster.nodes().parallelStream().forEach(cluster::startNode);
    return cluster.nodes();
  }
}
