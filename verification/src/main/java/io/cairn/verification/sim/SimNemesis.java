package io.cairn.verification.sim;

import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.Durability;
import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The seeded fault generator. At seeded intervals it partitions the network (one node away, random
 * halves, a bridge, Jepsen's majorities ring, or random one-way links), heals it, crashes a node
 * (kill -9, power loss, a lost disk, or a stop during which some of its stored values rot) and
 * restarts it after a while, skews a node's clock, or
 * changes how the network treats messages (delay, reordering, loss, duplication). Every action is
 * recorded as a nemesis {@code :info} op in the container suite's vocabulary, so the same checkers
 * read both: crashes as {@code :kill} (for the durability checker); partitions as
 * {@code :start-partition} whose value is the grudge (node → the peers whose messages it does not
 * receive) with the sides as {@code :components} (for the availability checker), healed by
 * {@code :stop-partition}; network conditions as {@code :network} with {@code :calm}.
 *
 * <p>At most one crash per run loses data (a lost disk, rotten values, or a power loss in mmap mode): with the
 * default W=2, two such losses before anti-entropy repaired the first can legitimately lose an
 * acknowledged write, and the checkers would rightly flag it.
 */
final class SimNemesis {

  private final SimCluster cluster;
  private final HistoryRecorder recorder;
  private final SimRandom random;
  private final SimSettings settings;
  private final long deadline;
  private boolean dataLost;
  /** The current partition: node → the peers whose messages it does not receive. */
  private final Map<String, Set<String>> grudge = new TreeMap<>();

  SimNemesis(SimCluster cluster, HistoryRecorder recorder, SimRandom random, SimSettings settings, long deadline) {
    this.cluster = cluster;
    this.recorder = recorder;
    this.random = random;
    this.settings = settings;
    this.deadline = deadline;
  }

  void start() {
    cluster.sim.after(gap(), this::step);
  }

  private long gap() {
    return random.between(settings.meanFaultGapMs() / 2, settings.meanFaultGapMs() * 3 / 2);
  }

  private void step() {
    if (cluster.sim.now() >= deadline) {
      return;
    }
    int dice = random.nextInt(100);
    if (dice < 25) {
      partition();
    } else if (dice < 40) {
      cluster.network.heal();
      record("stop-partition", "network healed");
    } else if (dice < 65) {
      crash();
    } else if (dice < 80) {
      SimNode node = random.pick(cluster.nodes);
      long skew = random.chance(0.2) ? 0 : random.between(-60_000, 60_000);
      node.clock().skew(skew);
      record("skew", node.id().value() + " " + skew + "ms");
    } else {
      degrade();
    }
    cluster.sim.after(gap(), this::step);
  }

  private void partition() {
    List<NodeId> ids = new ArrayList<>(cluster.nodes.stream().map(SimNode::id).toList());
    Collections.shuffle(ids, new Random(random.nextLong()));
    cluster.network.heal();
    grudge.clear();
    String shape;
    switch (random.nextInt(5)) {
      case 0 -> {
        isolate(ids.subList(0, 1), ids.subList(1, ids.size()));
        shape = "isolated " + ids.get(0);
      }
      case 1 -> {
        int cut = (int) random.between(1, ids.size() - 1);
        isolate(ids.subList(0, cut), ids.subList(cut, ids.size()));
        shape = "halves " + join(ids.subList(0, cut)) + "|" + join(ids.subList(cut, ids.size()));
      }
      case 2 -> {
        // a bridge: two sides that only the first node sees both of
        int cut = 1 + (ids.size() - 1) / 2;
        isolate(ids.subList(1, cut), ids.subList(cut, ids.size()));
        shape = "bridge " + ids.get(0) + " between " + join(ids.subList(1, cut)) + "|" + join(ids.subList(cut, ids.size()));
      }
      case 3 -> {
        // majorities ring: each node sees its ring neighbours only
        int n = ids.size();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            int d = Math.min(Math.abs(i - j), n - Math.abs(i - j));
            if (d > 1) {
              block(ids.get(i), ids.get(j));
            }
          }
        }
        shape = "ring " + join(ids);
      }
      default -> {
        StringJoiner links = new StringJoiner(",");
        for (NodeId from : ids) {
          for (NodeId to : ids) {
            if (!from.equals(to) && random.chance(0.25)) {
              block(from, to);
              links.add(from + ">" + to);
            }
          }
        }
        shape = "one-way " + links;
      }
    }
    Map<String, Object> value = new TreeMap<>();
    grudge.forEach((node, peers) -> value.put(node, List.copyOf(peers)));
    List<String> nodes = cluster.nodes.stream().map(n -> n.id().value()).toList();
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, "start-partition", null, Map.of()));
    Map<String, Object> extra = new LinkedHashMap<>(); // ordered, so the history's text is the same in every JVM
    extra.put("shape", shape);
    extra.put("components", AvailabilityChecker.components(grudge, nodes));
    recorder.complete(invoked, OpType.INFO, value, extra);
  }

  private void isolate(List<NodeId> a, List<NodeId> b) {
    for (NodeId x : a) {
      for (NodeId y : b) {
        block(x, y);
        block(y, x);
      }
    }
  }

  /** Blocks messages from {@code from} to {@code to}: {@code to} holds a grudge against {@code from}. */
  private void block(NodeId from, NodeId to) {
    cluster.network.block(from, to);
    grudge.computeIfAbsent(to.value(), k -> new TreeSet<>()).add(from.value());
  }

  private void crash() {
    List<SimNode> up = cluster.nodes.stream().filter(SimNode::running).toList();
    if (up.isEmpty()) {
      return;
    }
    SimNode node = random.pick(up);
    int dice = random.nextInt(100);
    CrashKind kind = dice < 50 ? CrashKind.PROCESS : dice < 60 ? CrashKind.BIT_ROT : dice < 85 ? CrashKind.POWER
        : CrashKind.DISK;
    // rotten values are copies lost as surely as a lost disk's, though the node keeps its epoch
    boolean losesData = kind == CrashKind.DISK || kind == CrashKind.BIT_ROT
        || (kind == CrashKind.POWER && settings.durability() == Durability.MMAP);
    if (losesData && dataLost) {
      kind = CrashKind.PROCESS;
      losesData = false;
    }
    dataLost |= losesData;
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, "kill", node.id().value(), Map.of("mode", kind.name().toLowerCase())));
    node.crash(kind);
    recorder.complete(invoked, OpType.INFO, node.id().value(), Map.of());
    cluster.sim.after(random.between(200, 15_000), () -> restart(node));
  }

  private void restart(SimNode node) {
    if (!node.running()) {
      node.start();
      record("start", node.id().value());
    }
  }

  private void degrade() {
    long timeout = settings.requestTimeoutMs();
    NetworkConditions next = switch (random.nextInt(4)) {
      case 0 -> NetworkConditions.CALM;
      case 1 -> new NetworkConditions(1, 50, random.chance(0.5) ? 0.05 : 0, random.chance(0.5) ? 0.05 : 0);
      case 2 -> new NetworkConditions(1, 2 * timeout, 0.01, 0.02); // late replies, heavy reordering
      default -> new NetworkConditions(1, 20, 0.3, 0.2);
    };
    cluster.network.conditions(next);
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, "network", null, Map.of("calm", next.equals(NetworkConditions.CALM))));
    recorder.complete(invoked, OpType.INFO, next.toString(), Map.of());
  }

  /** The final phase's heal: network whole and calm, clocks true, every node running. */
  void healAll() {
    cluster.network.heal();
    cluster.network.conditions(NetworkConditions.CALM);
    cluster.nodes.forEach(n -> n.clock().skew(0));
    List<String> started = new ArrayList<>();
    for (SimNode n : cluster.nodes) {
      if (!n.running()) {
        n.start();
        started.add(n.id().value());
      }
    }
    record("heal", "everything; started " + started);
  }

  private void record(String f, Object value) {
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, f, null, Map.of()));
    recorder.complete(invoked, OpType.INFO, value, Map.of());
  }

  private static String join(List<NodeId> ids) {
    StringJoiner j = new StringJoiner(",");
    ids.forEach(i -> j.add(i.value()));
    return j.toString();
  }
}
