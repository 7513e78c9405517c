package io.cairn.storage.hint;

import io.cairn.storage.StorageException;

/**
 * A hint was refused because the hint store is full. Nothing was changed; the write it was for is
 * still repaired later by read repair or anti-entropy, just not by hinted handoff.
 */
public final class HintStoreFullException extends StorageException {

  private final long limitBytes;
  private final long usedBytes;
  private final long requestedBytes;

  private HintStoreFullException(
      String message, long limitBytes, long usedBytes, long requestedBytes, Throwable cause) {
    super(message, cause);
    this.limitBytes = limitBytes;
    this.usedBytes = usedBytes;
    this.requestedBytes = requestedBytes;
  }

  /** The byte bound would be exceeded. */
  static HintStoreFullException overLimit(long limitBytes, long usedBytes, long requestedBytes) {
    return new HintStoreFullException(
        "hint store is full: " + usedBytes + " of its " + limitBytes + " bytes are in use and the hint "
            + "needs " + requestedBytes + " more (raise " + HintStoreConfig.MAX_BYTES_SETTING
            + " or bring the down replicas back)",
        limitBytes, usedBytes, requestedBytes, null);
  }

  /** The byte bound allows the hint but the backing file has no room left for it. */
  static HintStoreFullException noRoom(
      long limitBytes, long usedBytes, long requestedBytes, RuntimeException cause) {
    return new HintStoreFullException(
        "hint store file has no room for a hint needing " + requestedBytes + " more bytes, with "
            + usedBytes + " of its " + limitBytes + " bytes in use (raise "
            + HintStoreConfig.EXPECTED_HINTS_SETTING + " and restart with an empty hint directory)",
        limitBytes, usedBytes, requestedBytes, cause);
  }

  public long limitBytes() {
    return limitBytes;
  }

  public long usedBytes() {
    return usedBytes;
  }

  /** How many bytes the refused add would have added to {@link #usedBytes()}. */
  public long requestedBytes() {
    return requestedBytes;
  }
}
