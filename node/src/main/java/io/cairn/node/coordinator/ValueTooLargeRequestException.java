package io.cairn.node.coordinator;

/** A client value above the configured limit: answered 413, nothing written. */
public final class ValueTooLargeRequestException extends IllegalArgumentException {

  public ValueTooLargeRequestException(long size, long limit) {
    super("value of " + size + " bytes exceeds the limit of " + limit + " bytes (limits.max-value-bytes)");
  }
}
