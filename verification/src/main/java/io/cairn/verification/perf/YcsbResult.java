package io.cairn.verification.perf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one YCSB run printed: overall throughput and, per operation ({@code READ}, {@code UPDATE},
 * {@code READ-MODIFY-WRITE}, {@code INSERT}), the count, latency percentiles (microseconds) and the
 * number of operations that did not return OK.
 *
 * <p>{@code intended} holds the same per-operation figures measured from when each operation was
 * due rather than from when it started ({@code measurement.interval=intended} or {@code both}, YCSB's
 * {@code Intended-} sections). Under a {@code -target} rate they include the time an operation
 * waited behind a slow one, which the plain figures leave out (coordinated omission).
 */
public record YcsbResult(double throughput, long runtimeMs, Map<String, Op> ops, Map<String, Op> intended) {
  private static final Pattern LINE = Pattern.compile("^\\[([A-Za-z_-]+)], ([^,]+), (\\S+)\\s*$");
  private static final String INTENDED = "Intended-";

  /** One operation type's figures; percentiles keyed "50", "99", "99.9". */
  public record Op(long count, double averageUs, Map<String, Double> percentilesUs, long failed) {
  }

  public static YcsbResult parse(String output) {
    double throughput = Double.NaN;
    long runtime = 0;
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Double> averages = new LinkedHashMap<>();
    Map<String, Map<String, Double>> percentiles = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String section = m.group(1);
      String metric = m.group(2).trim();
      String value = m.group(3);
      if (section.equals("OVERALL")) {
        if (metric.equals("Throughput(ops/sec)")) {
          throughput = Double.parseDouble(value);
        } else if (metric.equals("RunTime(ms)")) {
          runtime = (long) Double.parseDouble(value);
        }
        continue;
      }
      if (section.startsWith("CLEANUP") || section.equals("TOTAL_GCS") || section.startsWith("TOTAL_GC")
          || section.equals("CAIRN")) {
        continue;
      }
      String op = section.endsWith("-FAILED") ? section.substring(0, section.length() - 7) : section;
      long[] c = counts.computeIfAbsent(op, k -> new long[2]);
      if (section.endsWith("-FAILED")) {
        if (metric.equals("Operations")) {
          c[1] += (long) Double.parseDouble(value);
        }
        continue;
      }
      if (metric.equals("Operations")) {
        c[0] += (long) Double.parseDouble(value);
      } else if (metric.equals("AverageLatency(us)")) {
        averages.put(op, Double.parseDouble(value));
      } else if (metric.endsWith("PercentileLatency(us)")) {
        String p = metric.substring(0, metric.length() - "PercentileLatency(us)".length())
            .replaceAll("(st|nd|rd|th)$", "");
        percentiles.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(p, Double.parseDouble(value));
      }
    }
    Map<String, Op> ops = new LinkedHashMap<>();
    Map<String, Op> intended = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String op = e.getKey();
      if (e.getValue()[0] == 0 && e.getValue()[1] == 0) {
        continue;
      }
      Op figures = new Op(e.getValue()[0], averages.getOrDefault(op, Double.NaN),
          percentiles.getOrDefault(op, Map.of()), e.getValue()[1]);
      if (op.startsWith(INTENDED)) {
        intended.put(op.substring(INTENDED.length()), figures);
      } else {
        ops.put(op, figures);
      }
    }
    return new YcsbResult(throughput, runtime, ops, intended);
  }

  /** Operations counted (successful and failed) over every type; intended figures count the same ones again. */
  public long operations() {
    return ops.values().stream().mapToLong(o -> o.count() + o.failed()).sum();
  }

  public long failed() {
    return ops.values().stream().mapToLong(Op::failed).sum();
  }
}
