package io.cairn.verification.history;
import java.util.Locale;

/**
 * Jepsen's op types. An operation is invoked once and completes once: {@code OK} it happened,
 * {@code FAIL} it certainly did not, {@code INFO} it may or may not have (a timeout, an
 * indeterminate write). Checkers must treat {@code INFO} as "possibly applied, at any later time".
 */
public enum OpType {
  INVOKE, OK, FAIL, INFO;

  /** The EDN keyword name: {@code :invoke}, {@code :ok}, {@code :fail}, {@code :info}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OpType ofKeyword(String keyword) {
    return valueOf(keyword.toUpperCase(Locale.ROOT));
  }
}
