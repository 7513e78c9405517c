package io.cairn.client;

/**
 * What a refused request means for the caller, decided in one place for both protocols. The binary
 * protocol's typed errors are given the status the HTTP API answers for the same case (docs/api.md),
 * so {@link CairnException#status()} means the same whichever protocol was used.
 */
final class Outcomes {

  /** The "outcome" the node reports for a write that may have been applied. */
  static final String INDETERMINATE = "indeterminate";

  private Outcomes() {}

  /**
   * @param status  the HTTP status (or the binary protocol's equivalent)
   * @param outcome the node's {@code outcome} for a 503, or empty
   * @param reason  the node's words
   */
  static CairnException of(int status, String outcome, String reason) {
    if (status == 503) {
      // "indeterminate": the write reached some replicas; anything else (failed, unavailable,
      // overloaded) was refused before it was applied anywhere
      return INDETERMINATE.equals(outcome)
          ? new IndeterminateException(status, reason, null)
          : new NotAppliedException(status, reason, null);
    }
    if (status == 507) {
      return new InsufficientStorageException(reason);
    }
    if (status >= 400 && status < 500) {
      return new RequestRejectedException(status, status + ": " + reason);
    }
    // a 5xx we do not know: the node may have done anything
    return new IndeterminateException(status, status + ": " + reason, null);
  }
}
