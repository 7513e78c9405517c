package io.cairn.verification.jepsen;

import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.jepsen.workload.Workload.CheckOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the suite's latest results into the block between {@code <!-- results:begin -->} and
 * {@code <!-- results:end -->} of {@code docs/verification.md}, so the table there is produced by
 * the suite, never typed by hand.
 */
public final class ResultsTable {
  private static final String BEGIN = "<!-- results:begin -->";
  private static final String END = "<!-- results:end -->";

  private ResultsTable() {
  }

  public static void update(List<RunResult> results, Path doc) {
    try {
      if (!Files.exists(doc)) {
        return;
      }
      String text = Files.readString(doc);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        return;
      }
      String updated = text.substring(0, begin + BEGIN.length()) + "\n" + render(results)
          + text.substring(end);
      Files.writeString(doc, updated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + doc, e);
    }
  }

  static String render(List<RunResult> results) {
    List<String> lines = new ArrayList<>();
    lines.add("Run of " + LocalDate.now() + "; " + results.size() + " scenarios.");
    lines.add("");
    lines.add("| scenario | faults | set: adds / acked / lost / stale | register: writes / lost / resurrected / false siblings / max siblings | lww set: acked / lost | lww register: lost | set available: reads / writes [judged sides] | register available: reads / writes [judged sides] | converged after | verdict |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|");
    List<String> riak = new ArrayList<>();
    for (RunResult r : results) {
      Map<String, CheckOutcome> o = r.outcomes();
      if (o.containsKey("riak")) {
        riak.add(riakLines(r, "riak", "Cairn, siblings"));
        riak.add(riakLines(r, "riak-lww", "lww control"));
        lines.add(row(r, o.get("riak"), null, o.get("riak-lww"), null,
            r.availability().get("riak"), null));
      } else {
        lines.add(row(r, o.get("set"), o.get("register"), o.get("set-lww"), o.get("register-lww"),
            r.availability().get("set"), r.availability().get("register")));
      }
    }
    if (!riak.isEmpty()) {
      lines.add("");
      lines.add("Jepsen's Riak experiment (5 clients, 2,000 adds to one key, {n1, n2} | {n3, n4, n5}):");
      lines.addAll(riak);
    }
    lines.add("");
    lines.add("Availability: the share of ops acknowledged while a fault was active, counted from the moment the"
        + " failure detectors noticed it (measured for partitions, a fixed " + FaultRun.DETECTION_ALLOWANCE.toSeconds()
        + " s allowance otherwise); in brackets, only the partition sides large enough to meet R and W, which must"
        + " reach " + Math.round(FaultRun.AVAILABILITY_TARGET * 100) + "% of reads and of writes each.");
    lines.add("");
    return String.join("\n", lines);
  }

  private static String row(RunResult r, CheckOutcome set, CheckOutcome register, CheckOutcome setLww,
               CheckOutcome registerLww, AvailabilityResult setAvailable,
               AvailabilityResult registerAvailable) {
    String faults = r.scenario().schedule() == null ? "none" : r.scenario().schedule().nemesis().startF();
    AvailabilityResult any = setAvailable != null ? setAvailable : registerAvailable;
    if (any != null) {
      faults += detection(any);
    }
    List<String> verdict = new ArrayList<>(r.surprises());
    verdict.addAll(r.availabilityShortfalls());
    return "| " + r.scenario().name() + " | " + faults
        + " | " + (set == null ? "" : fig(set, "attempt-count") + " / " + fig(set, "acknowledged-count")
            + " / " + fig(set, "lost-count") + " / " + fig(set, "stale-count"))
        + " | " + (register == null ? "" : fig(register, "write-count") + " / " + fig(register, "lost-count")
            + " / " + fig(register, "resurrected-count") + " / " + fig(register, "false-sibling-read-count")
            + " / " + fig(register, "max-siblings"))
        + " | " + (setLww == null ? "" : fig(setLww, "acknowledged-count") + " / " + fig(setLww, "lost-count"))
        + " | " + (registerLww == null ? "" : fig(registerLww, "lost-count"))
        + " | " + availability(setAvailable)
        + " | " + availability(registerAvailable)
        + " | " + (r.convergedAfterMs() < 0 ? "never" : r.convergedAfterMs() + " ms")
        + " | " + (verdict.isEmpty() ? "as expected" : "**" + String.join("; ", verdict) + "**")
        + " |";
  }

  /** "r% / w% [judged r% / w%]" during faults; a dash where there were no ops. */
  static String availability(AvailabilityResult a) {
    if (a == null) {
      return "";
    }
    String all = percent(a.during().reads()) + " / " + percent(a.during().writes());
    AvailabilityResult.Counts judged = a.judged();
    if (judged.reads().total() + judged.writes().total() == 0) {
      return all;
    }
    return all + " [" + percent(judged.reads()) + " / " + percent(judged.writes()) + "]";
  }

  private static String percent(AvailabilityResult.Tally t) {
    return t.total() == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * t.fraction());
  }

  /** ", detected after 2.1 s (median)" when detection was measured. */
  private static String detection(AvailabilityResult a) {
    List<Long> ms = a.windows().stream().filter(AvailabilityResult.Window::measured)
        .map(w -> (w.countFrom() - w.start()) / 1_000_000).sorted().toList();
    if (ms.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, ", detected after %.1f s (median)", ms.get(ms.size() / 2) / 1000.0);
  }

  private static String riakLines(RunResult r, String workload, String label) {
    CheckOutcome outcome = r.outcomes().get(workload);
    if (outcome == null || !(outcome.figures().get("survival-lines") instanceof List<?> survival)) {
      return "";
    }
    StringBuilder block = new StringBuilder("\n").append(label).append(":\n\n```\n");
    survival.forEach(line -> block.append(line).append('\n'));
    return block.append("```").toString();
  }

  private static Object fig(CheckOutcome outcome, String name) {
    Object value = outcome.figures().get(name);
    return value == null ? "–" : value;
  }
}
