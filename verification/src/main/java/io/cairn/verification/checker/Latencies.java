package io.cairn.verification.checker;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jepsen's frequency distribution of latencies in milliseconds. */
final class Latencies {

  /** Jepsen's points, written as {@code 0 0.5 0.95 0.99 1}. */
  static final List<Number> POINTS = List.of(0L, 0.5, 0.95, 0.99, 1L);

  private Latencies() {
  }

  static long nanosToMillis(long nanos) {
    return nanos / 1_000_000L;
  }

  /**
   * Map of point to the value at index {@code min(n-1, floor(n*point))} of the sorted values, as
   * Jepsen's {@code frequency-distribution} does; null when there are no values.
   */
  static Map<Number, Long> distribution(Collection<Long> millis) {
    if (millis.isEmpty()) {
      return null;
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    Map<Number, Long> result = new LinkedHashMap<>();
    for (Number point : POINTS) {
      int index = Math.min(n - 1, (int) Math.floor(n * point.doubleValue()));
      result.put(point, sorted[index]);
    }
    return result;
  }
}
