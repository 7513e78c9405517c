package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bit rot: stops one node cleanly, damages stored values inside its partition files
 * ({@code node-ctl corrupt}: a comma of a set's value turned into a digit, so the value still parses
 * but holds a number nobody added), and starts it again on the damaged files. A node that served
 * such a value would show the checkers an element never added, or lose acknowledged ones from its
 * reads; one that verifies its values treats them as missing and repairs them from its replicas.
 */
public final class CorruptDiskNemesis implements Nemesis {
  private static final Pattern CORRUPTED = Pattern.compile("corrupted (\\d+) values");

  private final DockerCluster cluster;
  private final int maxValuesPerRound;
  private long corruptedTotal;

  public CorruptDiskNemesis(DockerCluster cluster, int maxValuesPerRound) {
    this.cluster = cluster;
    this.maxValuesPerRound = maxValuesPerRound;
  }

  @Override
  public String startF() {
    return "corrupt-disk";
  }

  @Override
  public String stopF() {
    return "start";
  }

  @Override
  public Object start(Random random) {
    List<String> nodes = cluster.nodes();
    String victim = nodes.get(random.nextInt(nodes.size()));
    cluster.nodeCtl(victim, "stop");
    String out = cluster.nodeCtl(victim, "corrupt", Integer.toString(maxValuesPerRound));
    Matcher m = CORRUPTED.matcher(out);
    long corrupted = m.find() ? Long.parseLong(m.group(1)) : 0;
    synchronized (this) {
      corruptedTotal += corrupted;
    }
    cluster.startNode(victim);
    return Map.of("node", victim, "corrupted-values", corrupted);
  }

  @Override
  public Object stop() {
    cluster.nodes().parallelStream().forEach(cluster::startNode);
    return cluster.nodes();
  }

  /** Values damaged so far: a run in which this stays 0 tested nothing. */
  public synchronized long corruptedTotal() {
    return corruptedTotal;
  }
}
