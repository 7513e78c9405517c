package io.cairn.client;

/**
 * The operation certainly did not take effect: not enough replicas were reachable, the node
 * refused it under overload, or the connection could not be made. Safe to retry.
 */
public sealed class NotAppliedException extends CairnException permits InsufficientStorageException {
  public NotAppliedException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
