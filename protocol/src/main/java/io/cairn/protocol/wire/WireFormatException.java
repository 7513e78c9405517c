package io.cairn.protocol.wire;

/**
 * Bytes that are not a valid encoding of a registered type: unknown type id, truncated, trailing
 * bytes, or values a constructor refuses. The receiver drops the frame (or the connection); it never
 * acts on a half-decoded message.
 */
public final class WireFormatException extends RuntimeException {

  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
