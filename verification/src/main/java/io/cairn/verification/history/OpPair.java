package io.cairn.verification.history;

import java.util.Objects;

/**
 * An invocation and its completion by the same process. {@code completion} is null when the
 * history ended before the operation completed; checkers treat that exactly like {@code :info}.
 */
public record OpPair(Op invocation, Op completion) {

  public OpPair {
    Objects.requireNonNull(invocation, "invocation");
  }

  public boolean isOk() {
    return completion != null && completion.isOk();
  }

  public boolean isFail() {
    return completion != null && completion.isFail();
  }

  /** {@code :info} or never completed: the operation may have taken effect at any later time. */
  public boolean isIndeterminate() {
    return completion == null || completion.isInfo();
  }

  public String f() {
    return invocation.f();
  }

  public int process() {
    return invocation.process();
  }

  /** The {@code :key} extra of the invocation, or null. */
  public String key() {
    Object key = invocation.get("key");
    return key == null ? null : key.toString();
  }

  /** The completion's value when there is one, else the invocation's. */
  public Object value() {
    return completion != null && completion.value() != null ? completion.value() : invocation.value();
  }

  /** An extra key of the completion if present there (completions keep the invocation's), else of the invocation. */
  public Object get(String extraKey) {
    if (completion != null && completion.extra().containsKey(extraKey)) {
      return completion.get(extraKey);
    }
    return invocation.get(extraKey);
  }
}
