package io.cairn.verification.checker;

import java.util.Map;

/** What a checker found: whether the history was valid, and its figures for results.edn. */
public interface CheckResult {

  boolean valid();

  /** The figures as an ordered map with {@code "valid?"} first; written by {@code EdnWriter}. */
  Map<String, Object> toEdn();
}
