package io.cairn.verification.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void theGeneratedSectionReplacesOnlyWhatLiesBetweenTheMarkers() {
    String doc = "# Title\nintro\n" + Report.BEGIN + "\nold table\n" + Report.END + "\nafter\n";
    String out = Report.splice(doc, "new table\n");
    assertThat(out).isEqualTo("# Title\nintro\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\nafter\n");
    assertThat(Report.splice(out, "newer\n")).contains("newer").doesNotContain("new table");
  }

  @Test
  void aDocWithoutMarkersGetsThemAppended() {
    String out = Report.splice("# Title\n", "table\n");
    assertThat(out).startsWith("# Title\n").contains(Report.BEGIN + "\ntable\n" + Report.END);
  }

  @Test
  void aRateLimitedRunGetsItsOwnTableAndDecidesTheHalfPeakTarget(@TempDir Path dir) throws IOException {
    write(dir, "full", 20_000, 4_000, 2_000);
    write(dir, "half", 10_000, 12_000, 3_000); // intended p99.9 12 ms: over the 10 ms bound
    Files.writeString(dir.resolve("runs.tsv"), "# header\n"
        + "cairn3\ta\t1\tfull.ycsb.txt\tfull.cpu\n"
        + "cairn3\ta\t1\thalf.ycsb.txt\thalf.cpu\t10000\n");
    List<Report.Run> runs = Report.load(dir);

    assertThat(runs).extracting(Report.Run::target).containsExactly(0L, 10_000L);
    assertThat(Report.grouped(runs).get("a").get("cairn3")).hasSize(1); // the main table: the full-speed run only
    String table = Report.halfPeak(runs);
    assertThat(table).contains("| A | cairn3 | 10,000 | 10,000 | 0 | 1.00 / 2.00 / 12.00 |");
    assertThat(Report.targets(runs))
        .contains("p99.9 < 10 ms at half of its peak on A (10,000 ops/s): 12.00 ms — **not met**");

    write(dir, "half", 10_000, 9_000, 3_000);
    assertThat(Report.targets(Report.load(dir))).contains("9.00 ms — met");
  }

  @Test
  void theMedianOfAnEvenNumberOfRunsIsTheSlowerMiddleOne(@TempDir Path dir) throws IOException {
    write(dir, "r1", 9_000, 4_000, 2_000);
    write(dir, "r2", 8_000, 4_000, 2_000);
    write(dir, "r3", 7_000, 4_000, 2_000);
    Files.writeString(dir.resolve("runs.tsv"), "cairn3\ta\t1\tr1.ycsb.txt\tr1.cpu\n"
        + "cairn3\ta\t2\tr2.ycsb.txt\tr2.cpu\n");
    assertThat(Report.median(Report.load(dir)).ycsb().throughput()).isEqualTo(8_000); // not the flattering 9,000
    Files.writeString(dir.resolve("runs.tsv"), "cairn3\ta\t1\tr1.ycsb.txt\tr1.cpu\n"
        + "cairn3\ta\t2\tr2.ycsb.txt\tr2.cpu\ncairn3\ta\t3\tr3.ycsb.txt\tr3.cpu\n");
    assertThat(Report.median(Report.load(dir)).ycsb().throughput()).isEqualTo(8_000);
  }

  @Test
  void severalRoundsGiveEachRoundsOwnRatioBesideTheMedians(@TempDir Path dir) throws IOException {
    write(dir, "c1", 8_000, 4_000, 2_000);
    write(dir, "c2", 6_000, 4_000, 2_000);
    write(dir, "c3", 9_000, 4_000, 2_000);
    write(dir, "k1", 400, 4_000, 2_000);
    write(dir, "k2", 500, 4_000, 60_000); // p99.9 only: the p99 ratio stays 1/1
    write(dir, "k3", 420, 4_000, 2_000);
    Files.writeString(dir.resolve("runs.tsv"), "cairn3\ta\t1\tc1.ycsb.txt\tc1.cpu\n"
        + "cassandra3\ta\t1\tk1.ycsb.txt\tk1.cpu\ncairn3\ta\t2\tc2.ycsb.txt\tc2.cpu\n"
        + "cassandra3\ta\t2\tk2.ycsb.txt\tk2.cpu\ncairn3\ta\t3\tc3.ycsb.txt\tc3.cpu\n"
        + "cassandra3\ta\t3\tk3.ycsb.txt\tk3.cpu\n");
    String targets = Report.targets(Report.load(dir));
    // medians 8,000 and 420 (from different rounds); rounds 20.0×, 12.0×, 21.4×
    assertThat(targets).contains("8,000 vs 420 ops/s = 19.05× — **not met**; round by round 20.0×, 12.0×, 21.4× (met in 2 of 3)");
    assertThat(targets).contains("= 1/1.0 — **not met**; round by round 1/1.0, 1/1.0, 1/1.0 (met in 0 of 3)");

    Files.writeString(dir.resolve("runs.tsv"), "cairn3\ta\t1\tc1.ycsb.txt\tc1.cpu\n"
        + "cassandra3\ta\t1\tk1.ycsb.txt\tk1.cpu\n");
    assertThat(Report.targets(Report.load(dir))).contains("= 20.00× — met\n"); // one round: nothing to add
  }

  @Test
  void withoutRateLimitedRunsTheHalfPeakTargetIsNotMeasured(@TempDir Path dir) throws IOException {
    write(dir, "full", 20_000, 4_000, 2_000);
    Files.writeString(dir.resolve("runs.tsv"), "cairn3\ta\t1\tfull.ycsb.txt\tfull.cpu\n");
    List<Report.Run> runs = Report.load(dir);
    assertThat(Report.halfPeak(runs)).isEmpty();
    assertThat(Report.targets(runs)).contains("at half of its peak on A: not measured in this run");
  }

  /** A YCSB output whose intended read p99.9 is {@code intendedP999Us} and plain p99.9 {@code plainP999Us}. */
  private static void write(Path dir, String name, double throughput, long intendedP999Us, long plainP999Us)
      throws IOException {
    String ops = "";
    for (String prefix : List.of("", "Intended-")) {
      long p999 = prefix.isEmpty() ? plainP999Us : intendedP999Us;
      for (String op : List.of("READ", "UPDATE")) {
        ops += "[" + prefix + op + "], Operations, 1000\n"
            + "[" + prefix + op + "], 50thPercentileLatency(us), 1000\n"
            + "[" + prefix + op + "], 99thPercentileLatency(us), 2000\n"
            + "[" + prefix + op + "], 99.9PercentileLatency(us), " + (op.equals("READ") ? p999 : 500) + "\n";
      }
    }
    Files.writeString(dir.resolve(name + ".ycsb.txt"),
        "[OVERALL], RunTime(ms), 30000\n[OVERALL], Throughput(ops/sec), " + throughput + "\n" + ops);
    Files.writeString(dir.resolve(name + ".cpu"),
        "wall_s=30\nserver_cpu_s=30\nclient_cpu_s=15\nother_cpu_s=1\ncapacity_cpu_s=60\n");
  }
}
