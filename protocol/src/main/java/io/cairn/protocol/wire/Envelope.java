package io.cairn.protocol.wire;

import java.util.Objects;

/**
 * One frame's content: the connection-local correlation id that multiplexes requests and replies on
 * one connection, and the message. A reply carries the id of its request.
 */
public record Envelope(long correlationId, WireMessage message) {

  public Envelope {
    Objects.requireNonNull(message, "message");
  }
}
