package io.cairn.verification.checker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** What {@link SiblingRegisterChecker} found, per key and in total. */
public record SiblingRegisterResult(Map<String, KeyResult> keys, int writerProcesses) implements CheckResult {

  /**
   * One key's outcome; value lists are sorted. {@code falseSiblingExamples} describes the first
   * few such reads as {@code {:index :siblings :superseded}}.
   */
  public record KeyResult(int writeCount, int readCount, int finalReadCount, List<Long> lost,
              List<Long> resurrected, List<Long> phantom, int falseSiblingReadCount,
              List<Map<String, Object>> falseSiblingExamples, int maxSiblings) {

    public KeyResult {
      lost = List.copyOf(lost);
      resurrected = List.copyOf(resurrected);
      phantom = List.copyOf(phantom);
      falseSiblingExamples = List.copyOf(falseSiblingExamples);
    }

    public boolean valid() {
      return lost.isEmpty() && resurrected.isEmpty() && phantom.isEmpty() && falseSiblingReadCount == 0;
    }
  }

  public SiblingRegisterResult {
    TreeMap<String, KeyResult> sorted = new TreeMap<>(Values.KEY_ORDER);
    sorted.putAll(keys);
    keys = Collections.unmodifiableMap(sorted);
  }

  @Override
  public boolean valid() {
    return keys.values().stream().allMatch(KeyResult::valid);
  }

  public Map<String, List<Long>> lost() {
    return byKey(KeyResult::lost);
  }

  public Map<String, List<Long>> resurrected() {
    return byKey(KeyResult::resurrected);
  }

  public Map<String, List<Long>> phantom() {
    return byKey(KeyResult::phantom);
  }

  public int falseSiblingReadCount() {
    return keys.values().stream().mapToInt(KeyResult::falseSiblingReadCount).sum();
  }

  public int maxSiblings() {
    return keys.values().stream().mapToInt(KeyResult::maxSiblings).max().orElse(0);
  }

  @Override
  public Map<String, Object> toEdn() {
    Map<String, Object> edn = new LinkedHashMap<>();
    edn.put("valid?", valid());
    edn.put("key-count", keys.size());
    edn.put("write-count", keys.values().stream().mapToInt(KeyResult::writeCount).sum());
    edn.put("read-count", keys.values().stream().mapToInt(KeyResult::readCount).sum());
    edn.put("final-read-count", keys.values().stream().mapToInt(KeyResult::finalReadCount).sum());
    edn.put("lost-count", count(lost()));
    edn.put("lost", lost());
    edn.put("resurrected-count", count(resurrected()));
    edn.put("resurrected", resurrected());
    edn.put("phantom-count", count(phantom()));
    edn.put("phantom", phantom());
    edn.put("false-sibling-read-count", falseSiblingReadCount());
    Map<String, List<Map<String, Object>>> examples = new TreeMap<>(Values.KEY_ORDER);
    keys.forEach((key, r) -> {
      if (!r.falseSiblingExamples().isEmpty()) {
        examples.put(key, r.falseSiblingExamples());
      }
    });
    edn.put("false-siblings", examples);
    edn.put("max-siblings", maxSiblings());
    edn.put("writer-processes", writerProcesses);
    return edn;
  }

  private static int count(Map<String, List<Long>> byKey) {
    return byKey.values().stream().mapToInt(List::size).sum();
  }

  private Map<String, List<Long>> byKey(Function<KeyResult, List<Long>> values) {
    Map<String, List<Long>> out = new TreeMap<>(Values.KEY_ORDER);
    keys.forEach((key, r) -> {
      if (!values.apply(r).isEmpty()) {
        out.put(key, values.apply(r));
      }
    });
    return out;
  }
}
