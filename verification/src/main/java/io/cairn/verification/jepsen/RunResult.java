package io.cairn.verification.jepsen;

import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.history.Keyword;
import io.cairn.verification.jepsen.workload.Workload;
import io.cairn.verification.jepsen.workload.Workload.CheckOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: each checker's verdict, whether it matched what was expected
 * (negative controls must be invalid), availability during the faults per workload, and where the
 * history was stored. Availability is kept apart from the safety verdicts: a shortfall is reported
 * by {@link #availabilityShortfalls()} and judged by the suite for the scenarios where it is a
 * target.
 */
public record RunResult(Scenario scenario, Map<String, CheckOutcome> outcomes,
            Map<String, AvailabilityResult> availability, long convergedAfterMs,
            Path dir, int historySize) {

  /** Whether checker {@code name} was expected to find the run valid. */
  public boolean expectedValid(String name) {
    return scenario.workloads().stream().filter(w -> w.name().equals(name))
        .findFirst().map(Workload::expectedValid).orElse(true);
  }

  /** The names of checkers whose verdict differs from what was expected; empty when as expected. */
  public List<String> surprises() {
    List<String> surprises = new ArrayList<>();
    outcomes.forEach((name, outcome) -> {
      if (outcome.valid() != expectedValid(name)) {
        surprises.add(name + (outcome.valid() ? " was valid (expected invalid)" : " was invalid"));
      }
    });
    return surprises;
  }

  /**
   * Judged sides that missed the availability target, for the workloads expected to be valid
   * (the lww controls are measured but not judged), as "workload: line".
   */
  public List<String> availabilityShortfalls() {
    List<String> lines = new ArrayList<>();
    availability.forEach((name, result) -> {
      if (expectedValid(name)) {
        result.shortfalls().forEach(line -> lines.add(name + ": " + line));
      }
    });
    return lines;
  }

  public String summary() {
    List<String> parts = new ArrayList<>();
    outcomes.forEach((name, o) -> parts.add(name + "=" + (o.valid() ? "valid" : "INVALID")
        + (expectedValid(name) ? "" : " (negative control)")));
    availability.forEach((name, a) -> parts.add(name + " available during faults: reads "
        + a.during().reads() + ", writes " + a.during().writes()));
    return String.join(", ", parts) + "; converged after " + convergedAfterMs + " ms";
  }

  public Map<String, Object> toEdn() {
    Map<String, Object> edn = new LinkedHashMap<>();
    edn.put("valid?", surprises().isEmpty());
    edn.put("availability-met?", availabilityShortfalls().isEmpty());
    edn.put("scenario", scenario.name());
    edn.put("nemesis", scenario.schedule() == null ? null
        : Keyword.of(scenario.schedule().nemesis().startF()));
    edn.put("time-limit-s", scenario.timeLimit().toSeconds());
    edn.put("converged-after-ms", convergedAfterMs);
    edn.put("history-ops", (long) historySize);
    Map<String, Object> checks = new LinkedHashMap<>();
    outcomes.forEach((name, o) -> {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("expected-valid?", expectedValid(name));
      figures.put("valid?", o.valid());
      figures.putAll(o.figures());
      checks.put(name, figures);
    });
    edn.put("checks", checks);
    Map<String, Object> available = new LinkedHashMap<>();
    availability.forEach((name, a) -> available.put(name, a.toEdn()));
    edn.put("availability", available);
    return edn;
  }
}
