package io.cairn.client;

/**
 * The key operations of Cairn, whichever protocol carries them: {@link CairnClient} (HTTP) or
 * {@link CairnBinaryClient} (the binary client protocol). Both return the same values and throw the
 * same exceptions for the same outcomes, so code written against this interface does not care which
 * one it was given. Implementations are thread-safe.
 */
public interface KeyValueClient extends AutoCloseable {

  default Fetched get(String bucket, String key) {
    return get(bucket, key, ReadOptions.DEFAULT);
  }

  /** Reads a key: its live values (siblings when concurrent) and the context to write with. */
  Fetched get(String bucket, String key, ReadOptions options);

  default Written put(String bucket, String key, byte[] value, String contentType, String context) {
    return put(bucket, key, value, contentType, context, WriteOptions.DEFAULT);
  }

  /**
   * Writes {@code value}, replacing what {@code context} covers ({@code null}: a blind write that
   * replaces nothing and becomes a sibling of any value already there).
   */
  Written put(String bucket, String key, byte[] value, String contentType, String context, WriteOptions options);

  /**
   * Deletes what {@code context} covers by writing a tombstone. The context is required: without
   * one the node refuses with {@link RequestRejectedException} status 428, since a tombstone
   * covering nothing would leave every value visible.
   */
  Written delete(String bucket, String key, String context, WriteOptions options);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
