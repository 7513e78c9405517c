package io.cairn.verification.checker;

import io.cairn.verification.checker.AvailabilityResult.Counts;
import io.cairn.verification.checker.AvailabilityResult.Side;
import io.cairn.verification.checker.AvailabilityResult.Tally;
import io.cairn.verification.checker.AvailabilityResult.Window;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Keyword;
import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Availability while a fault is active: the share of client operations acknowledged ({@code :ok})
 * per fault window and per side, reads and writes apart. Dynamo's bargain is that every side of a
 * partition that can still gather a quorum stays readable and writable; a store that loses nothing
 * because it refuses everything does not keep it, so the safety checkers alone cannot tell.
 *
 * <p><b>Fault windows</b> come from the nemesis ops, in both suites' vocabulary:
 * <ul>
 *   <li>{@code :start-partition} (value: the grudge, node → the peers whose packets it drops; or an
 *       explicit {@code :components} extra) until {@code :stop-partition}, {@code :heal} or the next
 *       {@code :start-partition}. Sides are the connected components of the nodes that can still
 *       talk both ways;</li>
 *   <li>{@code :kill} until {@code :start} of its nodes, {@code :pause} until {@code :resume}: two
 *       sides, the stricken nodes and the others;</li>
 *   <li>{@code :bump-clock} until {@code :reset-clock}, {@code :start-loss} until {@code :stop-loss},
 *       and the simulator's {@code :network} with {@code :calm false} until the next {@code :network}:
 *       one side, every node.</li>
 * </ul>
 * {@code :heal} ends every window. A window starts counting at the failure detector's verdict: a
 * {@code :detected} nemesis op recorded while a partition holds (the container suite measures it),
 * otherwise the fault's start plus a fixed {@code allowance}. Ops invoked before that moment are not
 * counted: until the cluster has noticed the fault, timeouts on cut-off peers are expected.
 *
 * <p><b>Ops</b>: writes are {@code :add}, {@code :write} and {@code :delete}; reads are {@code :read}
 * without {@code :final}. An op belongs to the window and side of the node it was sent to
 * ({@code :node}) at its invocation; {@code :fail}, {@code :info} and ops that never completed count
 * as not acknowledged.
 *
 * <p><b>Verdict</b>: only partition sides of at least {@code quorumNodes} (max(R, W)) nodes are
 * judged: a smaller side cannot meet the quorum, so its figures (and how fast it refused) are only
 * reported, as are all other kinds of faults. Valid when every judged side acknowledged at least
 * {@code target} of its reads and of its writes.
 */
public final class AvailabilityChecker implements Checker {

  private static final Set<String> WRITES = Set.of("add", "write", "delete");

  private final int quorumNodes;
  private final double target;
  private final long allowanceNanos;

  /**
   * @param quorumNodes    sides with at least this many nodes are judged: max(R, W)
   * @param target         the share of reads and of writes a judged side must acknowledge
   * @param allowanceNanos from a fault's start to the moment counting begins, when the history
   *                       holds no measured {@code :detected} op for it
   */
  public AvailabilityChecker(int quorumNodes, double target, long allowanceNanos) {
    if (target < 0 || target > 1) {
      throw new IllegalArgumentException("target must be in [0, 1]: " + target);
    }
    this.quorumNodes = quorumNodes;
    this.target = target;
    this.allowanceNanos = allowanceNanos;
  }

  /** A window being built while scanning the nemesis ops. */
  private static final class Open {
    final String kind;
    final Object value;
    final long start;
    final Set<String> victims;
    final List<List<String>> sides;
    long detected = -1;
    long end = Long.MAX_VALUE;

    Open(String kind, Object value, long start, Set<String> victims, List<List<String>> sides) {
      this.kind = kind;
      this.value = value;
      this.start = start;
      this.victims = victims;
      this.sides = sides;
    }
  }

  @Override
  public AvailabilityResult check(History history) {
    List<OpPair> pairs = history.pairs();
    List<OpPair> clientOps = new ArrayList<>();
    Set<String> universe = new TreeSet<>();
    for (OpPair p : pairs) {
      if (!p.invocation().isNemesis() && counted(p)) {
        clientOps.add(p);
        if (p.invocation().get("node") != null) {
          universe.add(name(p.invocation().get("node")));
        }
      } else if (p.invocation().isNemesis() && "start-partition".equals(p.f())) {
        grudgeOf(p.value()).forEach((node, peers) -> {
          universe.add(node);
          universe.addAll(peers);
        });
      }
    }
    List<Open> windows = scan(pairs, universe);
    long last = history.ops().isEmpty() ? 0 : history.ops().get(history.size() - 1).time();
    for (Open w : windows) {
      w.end = Math.min(w.end, last + 1);
    }
    return tally(windows, clientOps);
  }

  private List<Open> scan(List<OpPair> pairs, Set<String> universe) {
    List<Open> all = new ArrayList<>();
    List<Open> open = new ArrayList<>();
    for (OpPair p : pairs) {
      if (!p.invocation().isNemesis()) {
        continue;
      }
      // A fault is in place once its nemesis op completed, and ends when the undoing begins.
      long startedAt = p.completion() == null ? p.invocation().time() : p.completion().time();
      long endsAt = p.invocation().time();
      if (p.completion() != null && p.completion().get("error") != null && p.completion().value() == null) {
        continue; // the nemesis failed to act
      }
      Object value = p.value();
      switch (p.f()) {
        case "start-partition" -> {
          close(open, endsAt, w -> w.kind.equals("partition"));
          List<List<String>> sides = p.get("components") instanceof Collection<?> given
              ? componentsOf(given) : components(grudgeOf(value), universe);
          add(all, open, new Open("partition", value, startedAt, Set.of(), sides));
        }
        case "detected" -> open.stream().filter(w -> w.kind.equals("partition") && w.detected < 0)
            .forEach(w -> w.detected = Math.max(w.start, startedAt));
        case "stop-partition" -> close(open, endsAt, w -> w.kind.equals("partition"));
        case "kill", "pause" -> {
          Set<String> victims = nodesOf(value);
          Set<String> others = new TreeSet<>(universe);
          others.removeAll(victims);
          List<List<String>> sides = new ArrayList<>();
          sides.add(List.copyOf(victims));
          if (!others.isEmpty()) {
            sides.add(List.copyOf(others));
          }
          add(all, open, new Open(p.f(), value, startedAt, victims, sides));
        }
        case "start" -> undo(open, endsAt, "kill", value);
        case "resume" -> undo(open, endsAt, "pause", value);
        case "bump-clock" -> add(all, open, new Open("clock", value, startedAt, Set.of(), List.of(List.copyOf(universe))));
        case "reset-clock" -> close(open, endsAt, w -> w.kind.equals("clock"));
        case "start-loss" -> add(all, open, new Open("packet-loss", value, startedAt, Set.of(), List.of(List.copyOf(universe))));
        case "stop-loss" -> close(open, endsAt, w -> w.kind.equals("packet-loss"));
        case "network" -> {
          close(open, endsAt, w -> w.kind.equals("network"));
          if (Boolean.FALSE.equals(p.get("calm"))) {
            add(all, open, new Open("network", value, startedAt, Set.of(), List.of(List.copyOf(universe))));
          }
        }
        case "heal" -> close(open, endsAt, w -> true);
        default -> {
          // other nemesis ops (a simulated clock skew, say) open no window
        }
      }
    }
    return all;
  }

  private static void add(List<Open> all, List<Open> open, Open w) {
    all.add(w);
    open.add(w);
  }

  private static void close(List<Open> open, long at, Predicate<Open> which) {
    open.removeIf(w -> {
      if (which.test(w)) {
        w.end = Math.max(w.start, at);
        return true;
      }
      return false;
    });
  }

  /** Ends the windows of {@code kind} that struck any of the nodes in {@code value} (null: all). */
  private static void undo(List<Open> open, long at, String kind, Object value) {
    Set<String> nodes = value == null ? null : nodesOf(value);
    close(open, at, w -> w.kind.equals(kind) && (nodes == null || !Collections.disjoint(w.victims, nodes)));
  }

  private AvailabilityResult tally(List<Open> windows, List<OpPair> clientOps) {
    int n = windows.size();
    long[] countFrom = new long[n];
    for (int i = 0; i < n; i++) {
      Open w = windows.get(i);
      countFrom[i] = w.detected >= 0 ? w.detected : Math.min(w.end, w.start + allowanceNanos);
    }
    // per window, per side: reads ok/total, writes ok/total, refusal latencies
    long[][][] counts = new long[n][][];
    List<List<List<Long>>> refusals = new ArrayList<>();
    List<Map<String, Integer>> sideOf = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Open w = windows.get(i);
      counts[i] = new long[w.sides.size()][4];
      Map<String, Integer> index = new HashMap<>();
      List<List<Long>> lat = new ArrayList<>();
      for (int s = 0; s < w.sides.size(); s++) {
        for (String node : w.sides.get(s)) {
          index.put(node, s);
        }
        lat.add(new ArrayList<>());
      }
      sideOf.add(index);
      refusals.add(lat);
    }
    long[] during = new long[4];
    Map<String, long[]> byKind = new TreeMap<>();
    Set<String> kindsHit = new TreeSet<>();
    for (OpPair op : clientOps) {
      long t = op.invocation().time();
      boolean write = WRITES.contains(op.f());
      boolean ok = op.isOk();
      Object nodeValue = op.invocation().get("node");
      String node = nodeValue == null ? null : name(nodeValue);
      boolean hit = false;
      kindsHit.clear();
      for (int i = 0; i < n; i++) {
        Open w = windows.get(i);
        if (t < countFrom[i] || t >= w.end) {
          continue;
        }
        Integer side = node == null ? null : sideOf.get(i).get(node);
        if (side == null) {
          continue;
        }
        hit = true;
        kindsHit.add(w.kind);
        bump(counts[i][side], write, ok);
        if (!ok && op.completion() != null) {
          refusals.get(i).get(side).add(op.completion().time() - t);
        }
      }
      if (hit) {
        bump(during, write, ok);
        for (String kind : kindsHit) {
          bump(byKind.computeIfAbsent(kind, k -> new long[4]), write, ok);
        }
      }
    }
    List<Window> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Open w = windows.get(i);
      boolean calm = true;
      for (int j = 0; j < n && calm; j++) {
        Open other = windows.get(j);
        calm = j == i || other.end <= countFrom[i] || other.start >= w.end;
      }
      List<Side> sides = new ArrayList<>();
      for (int s = 0; s < w.sides.size(); s++) {
        long[] c = counts[i][s];
        List<String> nodes = w.sides.get(s);
        sides.add(new Side(nodes, w.kind.equals("partition") && nodes.size() >= quorumNodes,
            new Tally(c[0], c[1]), new Tally(c[2], c[3]), medianMs(refusals.get(i).get(s))));
      }
      result.add(new Window(w.kind, w.value, w.start, countFrom[i], w.end, w.detected >= 0, calm, sides));
    }
    Map<String, Counts> kinds = new TreeMap<>();
    byKind.forEach((kind, c) -> kinds.put(kind, countsOf(c)));
    return new AvailabilityResult(quorumNodes, target, result, countsOf(during), kinds);
  }

  private static boolean counted(OpPair p) {
    if (Values.isFinal(p)) {
      return false;
    }
    return p.f().equals("read") || WRITES.contains(p.f());
  }

  /** Slots: reads ok, reads total, writes ok, writes total. */
  private static void bump(long[] c, boolean write, boolean ok) {
    int base = write ? 2 : 0;
    c[base + 1]++;
    if (ok) {
      c[base]++;
    }
  }

  private static Counts countsOf(long[] c) {
    return new Counts(new Tally(c[0], c[1]), new Tally(c[2], c[3]));
  }

  private static long medianMs(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1_000_000;
  }

  /**
   * The sides of a partition: the connected components of the nodes, where two nodes are joined
   * when neither drops the other's packets (a request needs both directions). Each component is
   * sorted; components are ordered by their first node.
   *
   * @param grudge node → the peers whose packets it drops
   * @param nodes  every node, including those the grudge does not name
   */
  public static List<List<String>> components(Map<String, ? extends Collection<String>> grudge,
                        Collection<String> nodes) {
    List<String> all = new ArrayList<>(new TreeSet<>(nodes));
    grudge.forEach((node, peers) -> {
      if (!all.contains(node)) {
        all.add(node);
      }
      peers.forEach(p -> {
        if (!all.contains(p)) {
          all.add(p);
        }
      });
    });
    Collections.sort(all);
    int[] parent = new int[all.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (!drops(grudge, all.get(i), all.get(j)) && !drops(grudge, all.get(j), all.get(i))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<String>> groups = new TreeMap<>();
    for (int i = 0; i < all.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(all.get(i));
    }
    List<List<String>> result = new ArrayList<>(groups.values());
    result.sort(Comparator.comparing(c -> c.get(0)));
    return result;
  }

  private static boolean drops(Map<String, ? extends Collection<String>> grudge, String node, String peer) {
    Collection<String> dropped = grudge.get(node);
    return dropped != null && dropped.contains(peer);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** A grudge as recorded (node → list of peers), tolerant of keywords read back from EDN. */
  private static Map<String, Set<String>> grudgeOf(Object value) {
    Map<String, Set<String>> grudge = new TreeMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((node, peers) -> {
        if (peers instanceof Collection<?> c) {
          grudge.put(name(node), nodesOf(c));
        }
      });
    }
    return grudge;
  }

  private static List<List<String>> componentsOf(Collection<?> given) {
    List<List<String>> sides = new ArrayList<>();
    for (Object side : given) {
      sides.add(List.copyOf(nodesOf(side)));
    }
    return sides;
  }

  /** Node names in a value: one name, or a collection of them, or a map's keys. */
  private static Set<String> nodesOf(Object value) {
    Set<String> nodes = new TreeSet<>();
    if (value instanceof Collection<?> c) {
      c.forEach(v -> nodes.add(name(v)));
    } else if (value instanceof Map<?, ?> m) {
      m.keySet().forEach(v -> nodes.add(name(v)));
    } else if (value != null) {
      nodes.add(name(value));
    }
    return nodes;
  }

  private static String name(Object node) {
    return node instanceof Keyword k ? k.name() : node.toString();
  }
}
