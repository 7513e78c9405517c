package io.cairn.verification.sim;

import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.checker.CheckResult;
import io.cairn.verification.history.EdnWriter;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated run: its seed and settings, the history, each checker's verdict (per workload,
 * convergence, durability), availability during faults (reported, not part of the verdict), and
 * what it cost.
 */
public record SimResult(long seed, SimSettings settings, History history, Map<String, CheckResult> checks,
    Map<String, Boolean> expectedValid, AvailabilityResult availability, long simulatedMs, long events,
    long messages) {

  /**
   * A run that ended before its verdict (an exceeded {@link SimBounds bound}, an exception): INVALID,
   * with the reason as its one check and the history up to where it stopped.
   */
  static SimResult aborted(long seed, SimSettings settings, History history, String reason, long simulatedMs,
      long events) {
    CheckResult stopped = new CheckResult() {
      @Override
      public boolean valid() {
        return false;
      }

      @Override
      public Map<String, Object> toEdn() {
        Map<String, Object> edn = new LinkedHashMap<>();
        edn.put("valid?", false);
        edn.put("aborted", reason);
        return edn;
      }
    };
    return new SimResult(seed, settings, history, Map.of("run", stopped), Map.of("run", true),
        new AvailabilityResult(0, 0, List.of(), AvailabilityResult.Counts.ZERO, Map.of()), simulatedMs, events, 0);
  }

  /** Valid when every check expected to pass did. */
  public boolean valid() {
    return checks.entrySet().stream().allMatch(e -> !expectedValid.getOrDefault(e.getKey(), true) || e.getValue().valid());
  }

  /** Whether the named check (a workload name, "convergence" or "durability") found the history valid. */
  public boolean valid(String check) {
    return checks.get(check).valid();
  }

  /** The history as Jepsen's history.edn text: what determinism is judged by. */
  public String historyEdn() {
    StringWriter out = new StringWriter();
    EdnWriter.writeHistory(history.ops(), out);
    return out.toString();
  }

  /** The checkers' figures, as results.edn would hold them. */
  public String resultsEdn() {
    Map<String, Object> all = new LinkedHashMap<>();
    checks.forEach((name, r) -> all.put(name, r.toEdn()));
    return EdnWriter.write(all);
  }

  /**
   * Reads and writes during the partitions of this run, counted from the detection allowance.
   *
   * @param calm   true: the partitions during which the network was calm and no other fault was
   *               active; false: the others
   * @param judged true: the sides that can meet R and W; false: the smaller sides
   */
  public AvailabilityResult.Counts duringPartitions(boolean calm, boolean judged) {
    AvailabilityResult.Counts sum = AvailabilityResult.Counts.ZERO;
    for (AvailabilityResult.Window w : availability.windows()) {
      if (w.kind().equals("partition") && w.calm() == calm) {
        for (AvailabilityResult.Side side : w.sides()) {
          if (side.judged() == judged) {
            sum = sum.plus(side.counts());
          }
        }
      }
    }
    return sum;
  }

  /** The availability figures, as results.edn would hold them. */
  public String availabilityEdn() {
    return EdnWriter.write(availability.toEdn());
  }

  /**
   * Where to start reading a failing run: the operations its failing checks name, with the faults
   * injected meanwhile, up to {@code limit} of them in history order. A finding that names values of
   * a key ({@code :lost {:s0 [79]}}) picks the operations on that key with those values; one that
   * names only a key picks every operation on it. A run whose failure names no key (an exceeded
   * bound, an exception) gets its last {@code limit} operations instead.
   */
  public String implicatedOpsEdn(int limit) {
    Set<Object> historyKeys = new HashSet<>();
    history.ops().forEach(op -> historyKeys.add(op.get("key")));
    Map<String, Set<String>> flagged = new HashMap<>(); // key -> values named (empty: the whole key)
    checks.forEach((name, r) -> {
      if (expectedValid.getOrDefault(name, true) && !r.valid()) {
        collectFindings(r.toEdn(), historyKeys, flagged);
      }
    });
    List<Op> ops = history.ops();
    List<Op> picked = flagged.isEmpty()
        ? ops.subList(Math.max(0, ops.size() - limit), ops.size())
        : ops.stream().filter(op -> op.isNemesis() || implicated(op, flagged)).limit(limit).toList();
    StringWriter out = new StringWriter();
    EdnWriter.writeHistory(picked, out);
    return out.toString();
  }

  private static boolean implicated(Op op, Map<String, Set<String>> flagged) {
    Set<String> values = flagged.get(String.valueOf(op.get("key")));
    return values != null && (values.isEmpty() || values.contains(String.valueOf(op.value())));
  }

  /**
   * Findings anywhere in {@code edn}: map entries keyed by a key of the history (checkers key their
   * findings by it), with the values they list. Informational entries ({@code :never-read}) are skipped.
   */
  private static void collectFindings(Object edn, Set<Object> historyKeys, Map<String, Set<String>> found) {
    if (edn instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        String name = String.valueOf(k).replaceFirst("^:", "");
        if (name.startsWith("never-read")) {
          return;
        }
        if (historyKeys.contains(name)) {
          Set<String> values = found.computeIfAbsent(name, x -> new HashSet<>());
          if (v instanceof Iterable<?> items) {
            items.forEach(i -> values.add(String.valueOf(i)));
          }
        } else {
          collectFindings(v, historyKeys, found);
        }
      });
    } else if (edn instanceof Iterable<?> items) {
      items.forEach(i -> collectFindings(i, historyKeys, found));
    }
  }

  /** The one command that replays exactly this run. */
  public static String replayCommand(long seed) {
    return "mvn -pl verification -am verify -Dtest=SimulationTest -Dcairn.sim.seed=" + seed
        + " -Dsurefire.failIfNoSpecifiedTests=false";
  }

  @Override
  public String toString() {
    return "seed " + seed + ": " + (valid() ? "valid" : "INVALID") + ", " + history.size() + " ops, "
        + simulatedMs + " simulated ms, " + events + " events, " + settings;
  }
}
