package io.cairn.verification.jepsen.nemesis;

import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.client.Fetched;
import io.cairn.client.ReadOptions;
import io.cairn.client.RequestRejectedException;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.verification.jepsen.DockerCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bit rot: stops one node cleanly, damages stored values inside its partition files
 * ({@code node-ctl corrupt}: a comma of a value of numbers turned into a digit, so the value still
 * parses but holds a number nobody wrote), and starts it again on the damaged files.
 *
 * <p>The workloads' keys are rewritten within seconds, and hinted handoff brings the restarted node
 * newer versions, so damage to them is soon superseded and proves little. Each round therefore
 * first writes <em>canaries</em> to every replica: keys written once and never again, whose damaged
 * copies nothing but the node's own verification and anti-entropy can mend. Right after the
 * restart every canary is read with r=3 through the damaged node ({@link #servedCorrupt}); at the
 * end {@link #unrepaired} waits until every canary has its N intact replica copies and no damaged
 * one. A node that served or kept its damaged copies fails these checks.
 */
public final class CorruptDiskNemesis implements Nemesis {
  private static final Pattern CORRUPTED = Pattern.compile("corrupted (\\d+) values");
  private static final Pattern COUNTABLE = Pattern.compile("(\\d+) values could be corrupted");
  private static final String CANARY_BUCKET = "canary";
  private static final int REPLICAS = 3; // the canary bucket keeps the default n

  private final DockerCluster cluster;
  private final int canariesPerRound;
  private final Map<String, String> canaries = new LinkedHashMap<>();
  private final List<String> servedCorrupt = new ArrayList<>();
  private int round;
  private long corruptedTotal;

  public CorruptDiskNemesis(DockerCluster cluster, int canariesPerRound) {
    this.cluster = cluster;
    this.canariesPerRound = canariesPerRound;
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
  public synchronized Object start(Random random) {
    round++;
    writeCanaries(cluster.client(cluster.nodes().get(0)));
    // the node holding the most values to damage
    List<String> nodes = new ArrayList<>(cluster.nodes());
    Collections.shuffle(nodes, random);
    String victim = nodes.get(0);
    long most = -1;
    for (String node : nodes) {
      long n = count(cluster.nodeCtl(node, "corrupt", "--count", "1000"), COUNTABLE);
      if (n > most) {
        most = n;
        victim = node;
      }
    }
    cluster.nodeCtl(victim, "stop");
    long corrupted = count(cluster.nodeCtl(victim, "corrupt", "1000"), CORRUPTED);
    corruptedTotal += corrupted;
    cluster.startNode(victim);
    checkServed(cluster.client(victim), victim);
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

  /** Canaries acknowledged by every replica so far. */
  public synchronized int canaries() {
    return canaries.size();
  }

  /** Canary reads through a damaged node that returned something other than what was written. */
  public synchronized List<String> servedCorrupt() {
    return List.copyOf(servedCorrupt);
  }

  /**
   * Waits (bounded) until every canary is held intact by {@value #REPLICAS} nodes and damaged by
   * none; returns the canaries still short of that at the deadline, with what each node holds.
   */
  public synchronized List<String> unrepaired(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> problems;
    do {
      problems = new ArrayList<>();
      for (Map.Entry<String, String> c : canaries.entrySet()) {
        int intact = 0;
        List<String> wrong = new ArrayList<>();
        for (String node : cluster.nodes()) {
          String held = localCopy(cluster.client(node), c.getKey());
          if (c.getValue().equals(held)) {
            intact++;
          } else if (held != null) {
            wrong.add(node + "=" + held);
          }
        }
        if (intact < REPLICAS || !wrong.isEmpty()) {
          problems.add(c.getKey() + ": " + intact + " intact copies, damaged " + wrong);
        }
      }
      if (problems.isEmpty()) {
        return problems;
      }
      sleep(1000);
    } while (System.nanoTime() < deadline);
    return problems;
  }

  private void writeCanaries(CairnClient client) {
    for (int i = 0; i < canariesPerRound; i++) {
      String key = "c" + round + "-" + i;
      String value = round + "," + i + "," + (round * 1000 + i);
      try {
        client.put(CANARY_BUCKET, key, value.getBytes(StandardCharsets.UTF_8), "text/plain", null,
            WriteOptions.DEFAULT.withW(REPLICAS));
        canaries.put(key, value);
      } catch (CairnException e) {
        // not on every replica: left out of the checks
      }
    }
  }

  private void checkServed(CairnClient victim, String node) {
    for (Map.Entry<String, String> c : canaries.entrySet()) {
      try {
        Fetched f = victim.get(CANARY_BUCKET, c.getKey(), ReadOptions.DEFAULT.withR(REPLICAS));
        List<String> values = f.siblings().stream().map(Value::asString).toList();
        if (!values.equals(List.of(c.getValue()))) {
          servedCorrupt.add(c.getKey() + " through " + node + ": " + values);
        }
      } catch (CairnException e) {
        // unavailable is not corrupt
      }
    }
  }

  /** The node's own copy of a canary; null when it holds none. */
  private static String localCopy(CairnClient client, String key) {
    try {
      Fetched f = client.get(CANARY_BUCKET, key, ReadOptions.localCopy());
      return f.found() ? String.join("|", f.siblings().stream().map(Value::asString).toList()) : null;
    } catch (RequestRejectedException e) {
      return null; // 409: no replica or hint here
    } catch (CairnException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static long count(String nodeCtlOutput, Pattern pattern) {
    Matcher m = pattern.matcher(nodeCtlOutput);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
