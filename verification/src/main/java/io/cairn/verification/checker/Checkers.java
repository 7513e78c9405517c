package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Combinators over checkers. */
public final class Checkers {

  private Checkers() {
  }

  /**
   * One checker running every named checker on the same history. Its result is
   * {@code {:valid? .. :name {...} ...}} in the map's iteration order, valid only if every
   * part is.
   */
  public static Checker compose(Map<String, Checker> checkers) {
    Map<String, Checker> named = Collections.unmodifiableMap(new LinkedHashMap<>(checkers));
    return history -> {
      Map<String, CheckResult> results = new LinkedHashMap<>();
      named.forEach((name, checker) -> results.put(name, checker.check(history)));
      return new ComposedResult(results);
    };
  }

  /** The named results of {@link #compose}. */
  public record ComposedResult(Map<String, CheckResult> results) implements CheckResult {

    public ComposedResult {
      results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    @Override
    public boolean valid() {
      return results.values().stream().allMatch(CheckResult::valid);
    }

    @Override
    public Map<String, Object> toEdn() {
      Map<String, Object> edn = new LinkedHashMap<>();
      edn.put("valid?", valid());
      results.forEach((name, result) -> edn.put(name, result.toEdn()));
      return edn;
    }
  }

  /** Convenience for one history. */
  public static CheckResult check(Map<String, Checker> checkers, History history) {
    return compose(checkers).check(history);
  }
}
