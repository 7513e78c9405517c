package io.cairn.verification.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** What {@link SetFullChecker} found, per key and in total. */
public record SetFullResult(Map<String, KeyResult> keys) implements CheckResult {

  /**
   * One key's outcome. Element lists are sorted; latencies are in milliseconds, in element order.
   * {@code finalReadMisses} counts, per node, the lost elements that node's final read missed.
   */
  public record KeyResult(int attemptCount, int acknowledgedCount, int stableCount, List<Long> lost,
              List<Long> neverRead, List<Long> stale, List<Long> unexpected,
              List<Long> stableLatencies, List<Long> lostLatencies, List<Long> staleLatencies,
              Map<String, Long> finalReadMisses) {

    public KeyResult {
      lost = List.copyOf(lost);
      neverRead = List.copyOf(neverRead);
      stale = List.copyOf(stale);
      unexpected = List.copyOf(unexpected);
      stableLatencies = List.copyOf(stableLatencies);
      lostLatencies = List.copyOf(lostLatencies);
      staleLatencies = List.copyOf(staleLatencies);
      finalReadMisses = Collections.unmodifiableMap(new TreeMap<>(finalReadMisses));
    }

    public boolean valid() {
      return lost.isEmpty() && unexpected.isEmpty();
    }
  }

  public SetFullResult {
    TreeMap<String, KeyResult> sorted = new TreeMap<>(Values.KEY_ORDER);
    sorted.putAll(keys);
    keys = Collections.unmodifiableMap(sorted);
  }

  @Override
  public boolean valid() {
    return keys.values().stream().allMatch(KeyResult::valid);
  }

  public int attemptCount() {
    return sum(KeyResult::attemptCount);
  }

  public int acknowledgedCount() {
    return sum(KeyResult::acknowledgedCount);
  }

  public int stableCount() {
    return sum(KeyResult::stableCount);
  }

  public int lostCount() {
    return sum(k -> k.lost().size());
  }

  public int neverReadCount() {
    return sum(k -> k.neverRead().size());
  }

  public int staleCount() {
    return sum(k -> k.stale().size());
  }

  public int unexpectedCount() {
    return sum(k -> k.unexpected().size());
  }

  /** Lost elements of every key, by key; keys with none are left out. */
  public Map<String, List<Long>> lost() {
    return byKey(KeyResult::lost);
  }

  public Map<String, List<Long>> stale() {
    return byKey(KeyResult::stale);
  }

  public Map<String, List<Long>> neverRead() {
    return byKey(KeyResult::neverRead);
  }

  public Map<String, List<Long>> unexpected() {
    return byKey(KeyResult::unexpected);
  }

  /** Per node, how many lost elements its final reads missed (over all keys). */
  public Map<String, Long> finalReadMisses() {
    Map<String, Long> misses = new TreeMap<>();
    keys.values().forEach(k -> k.finalReadMisses().forEach((node, n) -> misses.merge(node, n, Long::sum)));
    return misses;
  }

  @Override
  public Map<String, Object> toEdn() {
    Map<String, Object> edn = new LinkedHashMap<>();
    edn.put("valid?", valid());
    edn.put("key-count", keys.size());
    edn.put("attempt-count", attemptCount());
    edn.put("acknowledged-count", acknowledgedCount());
    edn.put("stable-count", stableCount());
    edn.put("lost-count", lostCount());
    edn.put("lost", lost());
    edn.put("never-read-count", neverReadCount());
    edn.put("never-read", neverRead());
    edn.put("stale-count", staleCount());
    edn.put("stale", stale());
    edn.put("unexpected-count", unexpectedCount());
    edn.put("unexpected", unexpected());
    edn.put("final-read-misses", finalReadMisses());
    edn.put("stable-latencies", Latencies.distribution(all(KeyResult::stableLatencies)));
    edn.put("lost-latencies", Latencies.distribution(all(KeyResult::lostLatencies)));
    edn.put("stale-latencies", Latencies.distribution(all(KeyResult::staleLatencies)));
    return edn;
  }

  private int sum(ToIntFunction<KeyResult> figure) {
    return keys.values().stream().mapToInt(figure).sum();
  }

  private Map<String, List<Long>> byKey(Function<KeyResult, List<Long>> elements) {
    Map<String, List<Long>> out = new TreeMap<>(Values.KEY_ORDER);
    keys.forEach((key, result) -> {
      if (!elements.apply(result).isEmpty()) {
        out.put(key, elements.apply(result));
      }
    });
    return out;
  }

  private List<Long> all(Function<KeyResult, List<Long>> latencies) {
    List<Long> out = new ArrayList<>();
    keys.values().forEach(k -> out.addAll(latencies.apply(k)));
    return out;
  }
}
