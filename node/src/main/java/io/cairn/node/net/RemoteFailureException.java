package io.cairn.node.net;

/** The peer answered that it could not handle the request (a {@link io.cairn.protocol.wire.Failure} reply). */
public final class RemoteFailureException extends RuntimeException {

  public RemoteFailureException(String message) {
    super(message);
  }
}
