package io.cairn.node.coordinator;

import io.cairn.protocol.wire.ClientError;
import java.util.Optional;

/**
 * A client request refused before anything was done, with the reason a client can act on: {@code
 * INVALID} (HTTP 400), {@code TOO_LARGE} (413), {@code OVERLOADED} (503, safe to retry), {@code
 * CONFLICT} (409: resolve the key's siblings first) or {@code PRECONDITION_REQUIRED} (428: a delete
 * without a context).
 */
public final class ClientRefusal extends RuntimeException {

  private final ClientError.Kind kind;
  private final String code;

  public ClientRefusal(ClientError.Kind kind, String reason) {
    this(kind, reason, null);
  }

  /** @param code a stable name of the reason (HTTP answers it as {@code "reason"}), or null */
  public ClientRefusal(ClientError.Kind kind, String reason, String code) {
    super(reason, null, false, false); // an answer to a client, not a fault: no stack trace
    this.kind = kind;
    this.code = code;
  }

  public ClientError.Kind kind() {
    return kind;
  }

  /** The stable name of the reason, if it has one (a refused context has). */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }
}
