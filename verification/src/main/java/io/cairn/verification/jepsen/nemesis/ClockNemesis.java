package io.cairn.verification.jepsen.nemesis;

import io.cairn.verification.jepsen.DockerCluster;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Clock skew through libfaketime around each node's JVM: the wall clock of a few nodes jumps by up
 * to ±{@code maxSkewSeconds}, while the monotonic clock stays true. Containers share the host's
 * clock, so the date is never set. Wall-clock time feeds lww timestamps and epochs; causality must
 * not depend on it.
 */
public final class ClockNemesis implements Nemesis {
  private static final long[] SCALES = {1, 10, 60, 600, 3600};

  private final DockerCluster cluster;
  private final long maxSkewSeconds;

  public ClockNemesis(DockerCluster cluster, long maxSkewSeconds) {
    this.cluster = cluster;
    this.maxSkewSeconds = maxSkewSeconds;
  }

  @Override
  public String startF() {
    return "bump-clock";
  }

  @Override
  public String stopF() {
    return "reset-clock";
  }

  @Override
  public Object start(Random random) {
    List<String> victims = Targets.MINORITY.pick(cluster.nodes(), random);
    Map<String, Object> skews = new TreeMap<>();
    for (String node : victims) {
      // skews of every order of magnitude, both directions, as Jepsen's clock nemesis does
      long scale = Math.min(maxSkewSeconds, SCALES[random.nextInt(SCALES.length)]);
      long seconds = (1 + random.nextInt((int) Math.max(1, scale))) * (random.nextBoolean() ? 1 : -1);
      skews.put(node, seconds);
    }
    skews.entrySet().parallelStream().forEach(e ->
        cluster.nodeCtl(e.getKey(), "skew", signed((Long) e.getValue())));
    return skews;
  }

  @Override
  public Object stop() {
    cluster.nodes().parallelStream().forEach(node -> cluster.nodeCtl(node, "skew", "0"));
    return cluster.nodes();
  }

  static String signed(long seconds) {
    return (seconds >= 0 ? "+" : "") + seconds;
  }
}
