package io.cairn.verification.perf;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Latency figures of a run without its first seconds, read from the interval histograms YCSB logs
 * with {@code hdrhistogram.fileoutput=true} (one {@code <prefix><operation>.hdr} file per operation,
 * an interval per {@code status.interval}).
 *
 * <p>Why: every YCSB run is a fresh JVM, and its first second or so is spent loading classes and
 * compiling. Under a {@code -target} rate the operations due in that second are all late, and since
 * intended latency counts from when an operation was due, the backlog lands in the p99 of the whole
 * run (seen: a p99 of 1.2 s in a run whose later windows stayed under 15 ms). That measures the
 * client's start, not the store; the skip is the same for every system.
 */
final class SteadyState {

  private SteadyState() {}

  /**
   * Figures per operation for the intervals that start at least {@code skipSeconds} into the run,
   * from {@code dir/<logPrefix><operation>.hdr} for each operation in {@code whole}; an operation
   * without a log, or whose log holds nothing after the skip, keeps its whole-run figures.
   */
  static Map<String, YcsbResult.Op> after(Path dir, String logPrefix, Map<String, YcsbResult.Op> whole,
                      double skipSeconds) {
    Map<String, YcsbResult.Op> out = new LinkedHashMap<>();
    for (var e : whole.entrySet()) {
      Path log = dir.resolve(logPrefix + e.getKey() + ".hdr");
      Histogram merged = Files.exists(log) ? merge(log, skipSeconds) : null;
      if (merged == null || merged.getTotalCount() == 0) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      Map<String, Double> percentiles = new LinkedHashMap<>();
      for (String p : Report.PERCENTILES) {
        percentiles.put(p, (double) merged.getValueAtPercentile(Double.parseDouble(p)));
      }
      out.put(e.getKey(), new YcsbResult.Op(merged.getTotalCount(), merged.getMean(), percentiles,
          e.getValue().failed()));
    }
    return out;
  }

  private static Histogram merge(Path log, double skipSeconds) {
    try {
      HistogramLogReader reader = new HistogramLogReader(log.toFile());
      Histogram merged = null;
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram(skipSeconds, Double.MAX_VALUE)) != null) {
        if (!(h instanceof Histogram interval)) {
          continue; // YCSB logs integer histograms; anything else is not ours
        }
        if (merged == null) {
          merged = new Histogram(interval.getNumberOfSignificantValueDigits());
        }
        merged.add(interval);
      }
      return merged;
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
