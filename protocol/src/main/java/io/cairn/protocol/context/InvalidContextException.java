package io.cairn.protocol.context;

/**
 * A causal context sent by a client was refused. The whole context is refused: a context that is
 * half-understood, or that was not issued by this cluster for this key, could make a write discard
 * siblings its author never saw.
 */
public final class InvalidContextException extends IllegalArgumentException {

  /** Why a context was refused; each has a stable code, sent to HTTP clients as {@code "reason"}. */
  public enum Reason {
    /** Not a canonical encoding: bad base64url, truncated, trailing bytes, unsorted actors ... */
    MALFORMED("malformed-context"),
    /** Format 1: issued by an earlier version, unauthenticated, no longer accepted. */
    UNSIGNED_FORMAT("unsigned-context"),
    /** Authentic, but issued for another bucket or key. */
    WRONG_KEY("context-for-other-key"),
    /** The MAC does not match: another cluster's secret, or altered bytes. */
    NOT_AUTHENTIC("context-not-authentic"),
    /** More actors than any context may carry. */
    TOO_MANY_ACTORS("context-too-many-actors");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public InvalidContextException(Reason reason, String message) {
    super(message, null);
    this.reason = reason;
  }

  static InvalidContextException malformed(String detail) {
    return new InvalidContextException(Reason.MALFORMED, "malformed causal context: " + detail);
  }

  public Reason reason() {
    return reason;
  }
}
