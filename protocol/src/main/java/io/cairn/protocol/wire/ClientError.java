package io.cairn.protocol.wire;

import java.util.Objects;

/**
 * The client port's answer to a request it did not coordinate, typed so that a client can tell
 * what it may assume without parsing {@code detail}. The kinds carry the same meanings as the HTTP
 * API's statuses (docs/api.md); a coordinated request that failed its quorum is not a ClientError
 * but a {@link ClientReply} with outcome FAILED or
 * INDETERMINATE.
 */
public record ClientError(Kind kind, String detail) implements WireMessage {

  /** Why the node did not coordinate the request. */
  public enum Kind {
    /** The request can never succeed as sent: bad r/w, bad bucket or key, malformed value (HTTP 400). */
    INVALID,
    /** The key or value is above the node's limits (HTTP 413). */
    TOO_LARGE,
    /** Refused before anything was done: too many requests in flight (HTTP 503); safe to retry. */
    OVERLOADED,
    /** A message the client port does not serve (e.g. a replica or anti-entropy message). */
    UNSUPPORTED,
    /** The node failed while handling the request: it may have done anything (HTTP 500). */
    INTERNAL,
    /**
     * The key's current state refuses the write, nothing was applied (HTTP 409): its siblings
     * together would outgrow the stored-object limit; resolve them first.
     */
    CONFLICT,
    /** A delete without the context of what it deletes would change nothing visible (HTTP 428). */
    PRECONDITION_REQUIRED,
    /**
     * No replica could take the write for lack of disk space; nothing was written (HTTP 507). Safe
     * to retry once space is freed.
     */
    INSUFFICIENT_STORAGE
  }

  public ClientError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
