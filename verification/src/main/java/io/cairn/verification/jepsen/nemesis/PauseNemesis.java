package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.List;
import java.util.Random;

/**
 * SIGSTOP / SIGCONT of node processes: a paused node accepts connections into its backlog but
 * answers nothing, like a long GC pause — the fault that makes timeouts ambiguous.
 */
public final class PauseNemesis implements Nemesis {
  private final DockerCluster cluster;
  private final Targets targets;
  /** The nodes paused now; only the nemesis thread and the final phase touch it, one after the other. */
  private volatile List<String> victims = List.of();

  public PauseNemesis(DockerCluster cluster, Targets targets) {
    this.cluster = cluster;
    this.targets = targets;
  }

  @Override
  public String startF() {
    return "pause";
  }

  @Override
  public String stopF() {
    return "resume";
  }

  @Override
  public Object start(Random random) {
    victims = targets.pick(cluster.nodes(), random);
    victims.parallelStream().forEach(node -> cluster.nodeCtl(node, "pause"));
    return victims;
  }

  @Override
  public Object stop() {
    victims.parallelStream().forEach(node -> cluster.nodeCtl(node, "resume"));
    List<String> resumed = victims;
    victims = List.of();
    return resumed;
  }
}
