package io.cairn.node.coordinator;

import io.cairn.protocol.wire.ClientError;

/**
 * A client request refused before anything was done, with the reason a client can act on: {@code
 * INVALID} (HTTP 400), {@code TOO_LARGE} (413), {@code OVERLOADED} (503, safe to retry), {@code
 * CONFLICT} (409: resolve the key's siblings first) or {@code PRECONDITION_REQUIRED} (428: a delete
 * without a context).
 */
public final class ClientRefusal extends RuntimeException {

  private final ClientError.Kind kind;

  public ClientRefusal(ClientError.Kind kind, String reason) {
    super(reason, null, false, false); // an answer to a client, not a fault: no stack trace
    this.kind = kind;
  }

  public ClientError.Kind kind() {
    return kind;
  }
}
