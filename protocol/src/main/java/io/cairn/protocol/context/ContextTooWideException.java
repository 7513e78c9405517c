package io.cairn.protocol.context;

/**
 * A vector has more actors than a context may carry, so no token is issued for it: a node never
 * hands out a context it would itself refuse.
 */
public final class ContextTooWideException extends IllegalStateException {

  public ContextTooWideException(String message) {
    super(message);
  }
}
