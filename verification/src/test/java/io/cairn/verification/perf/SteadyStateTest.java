package io.cairn.verification.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadyStateTest {

  private static final YcsbResult.Op WHOLE = new YcsbResult.Op(3000, 400_000, Map.of("99.9", 1_200_000.0), 2);

  /** The run's start, ms since the epoch (the reader takes small timestamps as offsets from a recent start). */
  private static final long T0 = 1_795_444_575_000L;

  /** A YCSB-style interval log: one interval per second, the first {@code slowSeconds} of them slow. */
  private static void log(Path file, int seconds, int slowSeconds) throws IOException {
    try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
      HistogramLogWriter writer = new HistogramLogWriter(out);
      writer.outputLogFormatVersion();
      writer.outputStartTime(T0);
      writer.setBaseTime(T0);
      writer.outputLegend();
      for (int s = 0; s < seconds; s++) {
        Histogram h = new Histogram(3);
        h.setStartTimeStamp(T0 + s * 1000L);
        h.setEndTimeStamp(T0 + (s + 1) * 1000L);
        for (int i = 0; i < 100; i++) {
          h.recordValue(s < slowSeconds ? 1_000_000 : 500 + i); // µs
        }
        writer.outputIntervalHistogram(h);
      }
    }
  }

  @Test
  void intervalsBeforeTheSkipAreLeftOut(@TempDir Path dir) throws IOException {
    log(dir.resolve("run-half-Intended-READ.hdr"), 30, 2);
    Map<String, YcsbResult.Op> after = SteadyState.after(dir, "run-half-Intended-", Map.of("READ", WHOLE), 10);

    YcsbResult.Op read = after.get("READ");
    assertThat(read.count()).isEqualTo(20 * 100);
    assertThat(read.percentilesUs().get("99.9")).isBetween(590.0, 610.0);
    assertThat(read.failed()).isEqualTo(2); // failures are counted over the whole run
  }

  @Test
  void withoutASkipTheSlowStartShows(@TempDir Path dir) throws IOException {
    log(dir.resolve("run-half-Intended-READ.hdr"), 30, 2);
    YcsbResult.Op read = SteadyState.after(dir, "run-half-Intended-", Map.of("READ", WHOLE), 0).get("READ");
    assertThat(read.count()).isEqualTo(30 * 100);
    assertThat(read.percentilesUs().get("99.9")).isGreaterThan(900_000.0);
  }

  @Test
  void anOperationWithoutALogOrWithNothingAfterTheSkipKeepsItsWholeRunFigures(@TempDir Path dir) throws IOException {
    log(dir.resolve("run-half-Intended-UPDATE.hdr"), 5, 2);
    Map<String, YcsbResult.Op> after = SteadyState.after(dir, "run-half-Intended-",
        Map.of("READ", WHOLE, "UPDATE", WHOLE), 10);
    assertThat(after.get("READ")).isSameAs(WHOLE);
    assertThat(after.get("UPDATE")).isSameAs(WHOLE);
  }
}
