package io.cairn.verification.checker;

import io.cairn.verification.history.Keyword;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link AvailabilityChecker} found. {@code during} counts each op once even where windows
 * overlap (the simulator overlaps faults); {@code byKind} likewise within each kind.
 */
public record AvailabilityResult(int quorumNodes, double target, List<Window> windows, Counts during,
    Map<String, Counts> byKind) implements CheckResult {

  public AvailabilityResult {
    windows = List.copyOf(windows);
    byKind = Collections.unmodifiableMap(new TreeMap<>(byKind));
  }

  /** Every judged side's reads and writes added up. */
  public Counts judged() {
    return windows.stream().flatMap(w -> w.sides().stream()).filter(Side::judged)
        .map(Side::counts).reduce(Counts.ZERO, Counts::plus);
  }

  /** The judged sides that missed the target, one line each. */
  public List<String> shortfalls() {
    List<String> lines = new ArrayList<>();
    for (Window w : windows) {
      for (Side s : w.sides()) {
        if (s.judged() && !s.meets(target)) {
          lines.add(String.format(Locale.ROOT, "%s at %.1f s (counted from %.1f s, %s), side %s: reads %s, writes %s",
              w.kind(), w.start() / 1e9, w.countFrom() / 1e9, w.measured() ? "detected" : "allowance",
              s.nodes(), s.reads(), s.writes()));
        }
      }
    }
    return lines;
  }

  @Override
  public boolean valid() {
    return windows.stream().flatMap(w -> w.sides().stream()).allMatch(s -> !s.judged() || s.meets(target));
  }

  @Override
  public Map<String, Object> toEdn() {
    Map<String, Object> edn = new LinkedHashMap<>();
    edn.put("valid?", valid());
    edn.put("target", target);
    edn.put("quorum-nodes", (long) quorumNodes);
    edn.put("window-count", (long) windows.size());
    edn.put("reads", during.reads().toEdn());
    edn.put("writes", during.writes().toEdn());
    Counts judged = judged();
    edn.put("judged-reads", judged.reads().toEdn());
    edn.put("judged-writes", judged.writes().toEdn());
    Map<String, Object> kinds = new LinkedHashMap<>();
    byKind.forEach((kind, c) -> {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("reads", c.reads().toEdn());
      figures.put("writes", c.writes().toEdn());
      kinds.put(kind, figures);
    });
    edn.put("by-kind", kinds);
    edn.put("shortfalls", shortfalls());
    List<Object> ws = new ArrayList<>();
    for (Window w : windows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", Keyword.of(w.kind()));
      m.put("start-ms", w.start() / 1_000_000);
      m.put("count-from-ms", w.countFrom() / 1_000_000);
      m.put("end-ms", w.end() / 1_000_000);
      m.put("detection", Keyword.of(w.measured() ? "measured" : "allowance"));
      m.put("calm?", w.calm());
      List<Object> sides = new ArrayList<>();
      for (Side s : w.sides()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("nodes", s.nodes());
        sm.put("judged?", s.judged());
        sm.put("reads", s.reads().toEdn());
        sm.put("writes", s.writes().toEdn());
        sm.put("median-refusal-ms", s.medianRefusalMs() < 0 ? null : s.medianRefusalMs());
        sides.add(sm);
      }
      m.put("sides", sides);
      ws.add(m);
    }
    edn.put("windows", ws);
    return edn;
  }

  /** Acknowledged out of total ops of one kind. */
  public record Tally(long acknowledged, long total) {
    public static final Tally ZERO = new Tally(0, 0);

    public Tally plus(Tally other) {
      return new Tally(acknowledged + other.acknowledged, total + other.total);
    }

    /** The acknowledged share; NaN when there were no ops. */
    public double fraction() {
      return total == 0 ? Double.NaN : (double) acknowledged / total;
    }

    /** Met when there was nothing to judge, or the share reaches the target. */
    public boolean meets(double target) {
      return total == 0 || fraction() >= target;
    }

    Map<String, Object> toEdn() {
      Map<String, Object> edn = new LinkedHashMap<>();
      edn.put("acknowledged", acknowledged);
      edn.put("total", total);
      edn.put("fraction", total == 0 ? null : Math.round(fraction() * 10_000) / 10_000.0);
      return edn;
    }

    @Override
    public String toString() {
      return total == 0 ? "0/0"
          : acknowledged + "/" + total + String.format(Locale.ROOT, " (%.1f%%)", 100 * fraction());
    }
  }

  /** Reads and writes together. */
  public record Counts(Tally reads, Tally writes) {
    public static final Counts ZERO = new Counts(Tally.ZERO, Tally.ZERO);

    public Counts plus(Counts other) {
      return new Counts(reads.plus(other.reads), writes.plus(other.writes));
    }
  }

  /**
   * One side of a window: its nodes, whether it is judged, its reads and writes, and the median
   * latency of its unacknowledged ops in ms (-1 when it has none): how fast it refused.
   */
  public record Side(List<String> nodes, boolean judged, Tally reads, Tally writes, long medianRefusalMs) {
    public Side {
      nodes = List.copyOf(nodes);
    }

    public Counts counts() {
      return new Counts(reads, writes);
    }

    public boolean meets(double target) {
      return reads.meets(target) && writes.meets(target);
    }
  }

  /**
   * One fault, from {@code start} (in place) through {@code end} (undone; the history's last time
   * when never undone). Ops invoked in [{@code countFrom}, {@code end}) are counted;
   * {@code measured} tells whether countFrom is a recorded detection or the allowance. A window is
   * {@code calm} when no other fault was active at any time while it counted.
   */
  public record Window(String kind, Object value, long start, long countFrom, long end, boolean measured,
             boolean calm, List<Side> sides) {
    public Window {
      sides = List.copyOf(sides);
    }

    public Counts counts() {
      return sides.stream().map(Side::counts).reduce(Counts.ZERO, Counts::plus);
    }
  }
}
