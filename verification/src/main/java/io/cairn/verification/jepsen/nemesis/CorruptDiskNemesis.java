package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.ArrayList;
import java.util.Collections;
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
  private static final Pattern COUNTABLE = Pattern.compile("(\\d+) values could be corrupted");

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
    // the node holding the most values to damage: a node that replicates none of the workloads'
    // set keys (3 keys on 5 nodes) would make the round test nothing
    List<String> nodes = new ArrayList<>(cluster.nodes());
    Collections.shuffle(nodes, random);
    String victim = nodes.get(0);
    long most = -1;
    for (String node : nodes) {
      long n = count(cluster.nodeCtl(node, "corrupt", "--count", Integer.toString(maxValuesPerRound)), COUNTABLE);
      if (n > most) {
        most = n;
        victim = node;
      }
    }
    cluster.nodeCtl(victim, "stop");
    long corrupted = count(cluster.nodeCtl(victim, "corrupt", Integer.toString(maxValuesPerRound)), CORRUPTED);
    synchronized (this) {
      corruptedTotal += corrupted;
    }
    cluster.startNode(victim);
    return Map.of("node", victim, "corrupted-values", corrupted);
  }

  private static long count(String nodeCtlOutput, Pattern pattern) {
    Matcher m = pattern.matcher(nodeCtlOutput);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
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
