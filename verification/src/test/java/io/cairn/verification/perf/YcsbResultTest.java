package io.cairn.verification.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YcsbResultTest {

  private static final String OUTPUT = """
      [OVERALL], RunTime(ms), 30001
      [OVERALL], Throughput(ops/sec), 12345.5
      [TOTAL_GCS_G1_Young_Generation], Count, 3
      [TOTAL_GC_TIME_%], Time(%), 0.75
      [READ], Operations, 1000
      [READ], AverageLatency(us), 812.5
      [READ], MinLatency(us), 100
      [READ], MaxLatency(us), 90000
      [READ], 50thPercentileLatency(us), 700
      [READ], 99thPercentileLatency(us), 5000
      [READ], 99.9PercentileLatency(us), 20000
      [READ], Return=OK, 1000
      [CLEANUP], Operations, 16
      [CLEANUP], 50thPercentileLatency(us), 3
      [UPDATE], Operations, 990
      [UPDATE], 99thPercentileLatency(us), 8000
      [UPDATE], Return=OK, 990
      [UPDATE-FAILED], Operations, 10
      [UPDATE-FAILED], 99thPercentileLatency(us), 10000000
      [CAIRN], ReadsWithSiblings, 4
      2026-11-23 07:28:45:176 5 sec: 651 operations; [READ: Count=318, Max=102271]
      """;

  @Test
  void overallAndPerOperationFiguresAreRead() {
    YcsbResult r = YcsbResult.parse(OUTPUT);
    assertThat(r.throughput()).isEqualTo(12345.5);
    assertThat(r.runtimeMs()).isEqualTo(30001);
    assertThat(r.ops().keySet()).containsExactly("READ", "UPDATE");
    assertThat(r.ops().get("READ").percentilesUs())
        .containsEntry("50", 700.0).containsEntry("99", 5000.0).containsEntry("99.9", 20000.0);
    assertThat(r.ops().get("READ").averageUs()).isEqualTo(812.5);
    assertThat(r.ops().get("UPDATE").failed()).isEqualTo(10);
    assertThat(r.ops().get("UPDATE").percentilesUs()).containsEntry("99", 8000.0);
    assertThat(r.operations()).isEqualTo(2000);
    assertThat(r.failed()).isEqualTo(10);
  }

  @Test
  void intendedFiguresAreKeptApartAndNotCountedTwice() {
    String both = OUTPUT + """
        [Intended-READ], Operations, 1000
        [Intended-READ], 99.9PercentileLatency(us), 45000
        [Intended-UPDATE], Operations, 990
        [Intended-UPDATE], 99.9PercentileLatency(us), 9000
        [Intended-UPDATE-FAILED], Operations, 10
        """;
    YcsbResult r = YcsbResult.parse(both);
    assertThat(r.ops().keySet()).containsExactly("READ", "UPDATE");
    assertThat(r.intended().keySet()).containsExactly("READ", "UPDATE");
    assertThat(r.intended().get("READ").percentilesUs()).containsEntry("99.9", 45000.0);
    assertThat(r.intended().get("UPDATE").failed()).isEqualTo(10);
    assertThat(r.operations()).isEqualTo(2000);
    assertThat(YcsbResult.parse(OUTPUT).intended()).isEmpty();
  }

  @Test
  void outputWithoutFiguresParsesToNothing() {
    YcsbResult r = YcsbResult.parse("Error in processing workload\n");
    assertThat(r.throughput()).isNaN();
    assertThat(r.ops()).isEmpty();
  }
}
