package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether replicas converged: ops {@code :local-read} (extra {@code :key} and {@code :node}; ok
 * value: the replica's sibling set, a list, or a string digest), all taken in the final phase.
 * A key has converged when every node's latest ok local read of it holds the same value (sets
 * and lists compare as sorted lists); otherwise it is divergent and each node's value is
 * reported. Failed or indeterminate local reads are counted, not judged. Valid when no key is
 * divergent. A measured {@code converged-after-ms} from the runner is reported as given.
 */
public final class ConvergenceChecker implements Checker {

  private final Long convergedAfterMs;

  public ConvergenceChecker() {
    this(null);
  }

  /** @param convergedAfterMs how long the runner waited for convergence, or null if not measured */
  public ConvergenceChecker(Long convergedAfterMs) {
    this.convergedAfterMs = convergedAfterMs;
  }

  /** The checker's findings; {@code divergent} maps key to node to value, all sorted. */
  public record Result(int keyCount, int failedReads, Map<String, Map<String, Object>> divergent,
             Long convergedAfterMs) implements CheckResult {

    public Result {
      TreeMap<String, Map<String, Object>> sorted = new TreeMap<>(Values.KEY_ORDER);
      divergent.forEach((k, v) -> sorted.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
      divergent = Collections.unmodifiableMap(sorted);
    }

    @Override
    public boolean valid() {
      return divergent.isEmpty();
    }

    @Override
    public Map<String, Object> toEdn() {
      Map<String, Object> edn = new LinkedHashMap<>();
      edn.put("valid?", valid());
      edn.put("key-count", keyCount);
      edn.put("converged-count", keyCount - divergent.size());
      edn.put("divergent-count", divergent.size());
      edn.put("divergent", divergent);
      edn.put("failed-reads", failedReads);
      edn.put("converged-after-ms", convergedAfterMs);
      return edn;
    }
  }

  @Override
  public Result check(History history) {
    int keys = 0;
    int failed = 0;
    Map<String, Map<String, Object>> divergent = new TreeMap<>(Values.KEY_ORDER);
    for (Map.Entry<String, List<OpPair>> group : Values.byKey(history.pairs()).entrySet()) {
      Map<String, Object> byNode = new TreeMap<>();
      boolean read = false;
      for (OpPair pair : group.getValue()) {
        if (!pair.f().equals("local-read")) {
          continue;
        }
        read = true;
        if (pair.isOk()) {
          byNode.put(Values.node(pair), normalize(pair.completion().value()));
        } else {
          failed++;
        }
      }
      if (read) {
        keys++;
      }
      if (byNode.values().stream().distinct().count() > 1) {
        divergent.put(group.getKey(), byNode);
      }
    }
    return new Result(keys, failed, divergent, convergedAfterMs);
  }

  /** Sets and lists as sorted lists, so that equal replicas compare equal however they were read. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object normalize(Object value) {
    if (value instanceof Collection<?> c) {
      List sorted = new ArrayList<>(c);
      try {
        Collections.sort(sorted);
      } catch (ClassCastException | NullPointerException e) {
        return List.copyOf(c);
      }
      return Collections.unmodifiableList(sorted);
    }
    return value;
  }
}
