package io.cairn.storage.hint;

/**
 * Limits and sizing of a hint store.
 *
 * @param maxBytes the bound on {@link HintStore#pendingBytes()} ({@value #MAX_BYTES_SETTING})
 * @param maxObjectBytes the largest object one hint may hold; the node passes its
 *     storage.max-object-bytes, since a bigger object could not be stored by the target anyway
 * @param expectedHints how many hints to size the file for up front ({@value
 *     #EXPECTED_HINTS_SETTING}); the file grows beyond it, with slower lookups, up to the byte bound
 * @param averageObjectBytes the expected average object size ({@value #AVERAGE_OBJECT_SETTING})
 */
public record HintStoreConfig(
    long maxBytes, int maxObjectBytes, long expectedHints, int averageObjectBytes) {

  public static final String MAX_BYTES_SETTING = "storage.hints.max-bytes";
  public static final String EXPECTED_HINTS_SETTING = "storage.hints.expected-hints";
  public static final String AVERAGE_OBJECT_SETTING = "storage.hints.average-object-bytes";

  public HintStoreConfig {
    if (maxBytes < 1) {
      throw new IllegalArgumentException(MAX_BYTES_SETTING + " must be >= 1, was " + maxBytes);
    }
    if (maxObjectBytes < 1) {
      throw new IllegalArgumentException("maxObjectBytes must be >= 1, was " + maxObjectBytes);
    }
    if (expectedHints < 1) {
      throw new IllegalArgumentException(
          EXPECTED_HINTS_SETTING + " must be >= 1, was " + expectedHints);
    }
    if (averageObjectBytes < 1 || averageObjectBytes > maxObjectBytes) {
      throw new IllegalArgumentException(
          AVERAGE_OBJECT_SETTING + " must be between 1 and the largest object (" + maxObjectBytes
              + "), was " + averageObjectBytes);
    }
  }
}
