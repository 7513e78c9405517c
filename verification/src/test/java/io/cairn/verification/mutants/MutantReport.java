package io.cairn.verification.mutants;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** The markdown table of a mutant run, and the commands that replay each catch. */
public final class MutantReport {

  private MutantReport() {}

  static String render(List<MutantRun.Result> results, Path projectRoot, Duration total, LocalDate day) {
    StringBuilder out = new StringBuilder();
    out.append("Run of ").append(day).append("; ").append(results.size()).append(" mutants, ")
        .append(seconds(total)).append(" in all.\n\n");
    out.append("| mutant | caught by | seed / test case | time to catch | layers tried |\n");
    out.append("|---|---|---|---|---|\n");
    for (MutantRun.Result r : results) {
      LayerVerdict c = r.catcher();
      out.append("| ").append(r.mutant().name())
          .append(" | ").append(c == null ? "**not caught**" : c.layer())
          .append(" | ").append(c == null ? "–" : c.evidence())
          .append(" | ").append(seconds(r.timeToCatch()))
          .append(" | ").append(r.verdicts().stream()
              .map(v -> v.layer() + " " + v.kind().name().toLowerCase() + " (" + seconds(v.outcome().took()) + ")")
              .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    out.append("\nReplay (in the mutated copy the run leaves behind):\n\n");
    for (MutantRun.Result r : results) {
      LayerVerdict c = r.catcher();
      if (c == null) {
        out.append("- ").append(r.mutant().name()).append(": not caught; logs in ")
            .append(projectRoot.relativize(r.copy())).append("/mutant-*.log\n");
        continue;
      }
      out.append("- ").append(r.mutant().name()).append(": `cd ").append(projectRoot.relativize(r.copy()))
          .append(" && ").append(replay(c)).append("`\n");
    }
    return out.toString();
  }

  /** The simulator's own replay line for its first failing seed, else the first failing test case alone. */
  static String replay(LayerVerdict c) {
    if (!c.replays().isEmpty()) {
      return c.replays().get(0).replaceFirst("^mvn ", "mvn -o ");
    }
    return "mvn -o verify -pl " + c.module() + " -am -Dtest='" + c.failedCases().get(0)
        + "' -Dsurefire.failIfNoSpecifiedTests=false";
  }

  static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
  }
}
