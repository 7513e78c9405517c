package io.cairn.protocol.wire;

import java.util.Objects;

/**
 * A reply saying the receiver could not handle a request at all (it threw, or does not handle that
 * message). The requester completes the request exceptionally with {@code detail}.
 */
public record Failure(String detail) implements WireMessage {

  public Failure {
    Objects.requireNonNull(detail, "detail");
  }
}
