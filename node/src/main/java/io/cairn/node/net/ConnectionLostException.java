package io.cairn.node.net;

/**
 * The connection to the peer was lost after the request had been sent: the peer may have executed
 * it. Unlike {@link PeerUnavailableException} (never delivered), a caller must treat the outcome as
 * unknown — e.g. never re-send a write to another node as if the first had not happened.
 */
public final class ConnectionLostException extends RuntimeException {

  public ConnectionLostException(String message) {
    super(message);
  }
}
