package io.cairn.storage;

/**
 * A stored object (a key's whole sibling set) larger than the engine is configured to hold. Refused
 * before anything is written, so the store is unchanged.
 */
public final class ValueTooLargeException extends StorageException {

  private final long size;
  private final long limit;

  public ValueTooLargeException(long size, long limit) {
    super("object of " + (size < 0 ? "unknown size" : size + " bytes") + " exceeds the storage limit of "
        + limit + " bytes");
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
