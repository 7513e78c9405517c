package io.cairn.verification.mutants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Plants each named mutant of the catalogue in its own copy of the sources and requires a layer to
 * catch it; writes the table to {@code verification/target/mutants/report.md}. Runs only with
 * {@code -Pmutants} (tag {@code mutants}): each mutant costs nested builds of minutes.
 *
 * <p>{@code -Dcairn.mutants.only=a,b} picks mutants; {@code -Dcairn.mutants.all-layers=true} runs
 * every layer instead of stopping at the first catch; {@code -Dcairn.mutants.timeout-minutes}
 * bounds each nested build (15).
 */
@Tag("mutants")
class MutantCatalogTest {

  @Test
  void everyNamedMutantIsCaughtByALayer() throws Exception {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path root = module.getParent();
    assertThat(root.resolve("pom.xml")).as("project root").isRegularFile();
    Path work = module.resolve("target").resolve("mutants");
    Files.createDirectories(work);
    MutantCatalog catalog = MutantCatalog.load();
    List<Mutant> chosen = catalog.select(System.getProperty("cairn.mutants.only"));
    NestedBuild build = new NestedBuild(System.getProperty("cairn.mutants.mvn", "mvn"),
        Duration.ofMinutes(Long.getLong("cairn.mutants.timeout-minutes", 15)));
    MutantRun runner = new MutantRun(catalog, root, work, build, Boolean.getBoolean("cairn.mutants.all-layers"));

    long began = System.nanoTime();
    List<MutantRun.Result> results = new ArrayList<>();
    for (Mutant m : chosen) {
      results.add(runner.run(m));
    }
    Duration total = Duration.ofNanos(System.nanoTime() - began);
    String report = MutantReport.render(results, root, total, LocalDate.now(ZoneOffset.UTC));
    Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(results.stream()
        .filter(r -> !r.caught())
        .map(r -> r.mutant().name() + ": " + r.verdicts().stream().map(v -> v.layer() + " " + v.kind()).toList()
            + ", logs in " + r.copy())
        .toList())
        .as("mutants no layer caught (a BROKEN layer means the mutant did not build)")
        .isEmpty();
  }
}
