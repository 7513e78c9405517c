package io.cairn.node.net;

/** The peer cannot be reached now: no connection, or too many requests already queued for it. */
public final class PeerUnavailableException extends RuntimeException {

  public PeerUnavailableException(String message) {
    super(message);
  }
}
