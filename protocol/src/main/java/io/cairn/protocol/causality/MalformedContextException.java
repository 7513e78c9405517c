package io.cairn.protocol.causality;

/**
 * A causal context sent by a client could not be decoded. The whole context is rejected: a context
 * that is half-understood could make a write discard siblings its author never saw.
 */
public final class MalformedContextException extends IllegalArgumentException {

  public MalformedContextException(String message) {
    super("malformed causal context: " + message);
  }
}
