package io.cairn.client;

/**
 * Why a request did not succeed. The subclass says what the caller may assume about the
 * operation: {@link NotAppliedException} — it certainly did not happen; {@link
 * IndeterminateException} — it may have happened (and may still propagate); {@link
 * RequestRejectedException} — the request itself was wrong.
 */
public abstract sealed class CairnException extends RuntimeException
    permits NotAppliedException, IndeterminateException, RequestRejectedException {
  private final int status;

  CairnException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }
}
