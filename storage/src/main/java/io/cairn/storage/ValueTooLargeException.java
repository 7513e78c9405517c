package io.cairn.storage;

/**
 * A value larger than the engine is configured to hold. Refused before anything is written, so the
 * store is unchanged; the node answers 413 with this message.
 */
public final class ValueTooLargeException extends StorageException {

  private final long size;
  private final long limit;

  public ValueTooLargeException(long size, long limit) {
    super("value of " + size + " bytes exceeds the storage limit of " + limit
        + " bytes (storage.max-value-bytes)");
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}
