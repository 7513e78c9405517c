package io.cairn.storage;

/** A storage operation could not be carried out; the message says why and what to do. */
public class StorageException extends RuntimeException {

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
