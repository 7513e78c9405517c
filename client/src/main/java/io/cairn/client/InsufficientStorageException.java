package io.cairn.client;

/**
 * The write was refused because the replicas that would take it are out of disk space (HTTP 507
 * Insufficient Storage, or the binary port's {@code INSUFFICIENT_STORAGE}); nothing was written.
 * Reads still work. Safe to retry once an operator has freed space; {@link #getMessage()} names the
 * node's path and its free bytes.
 */
public final class InsufficientStorageException extends NotAppliedException {
  public InsufficientStorageException(String message) {
    super(507, message, null);
  }
}
