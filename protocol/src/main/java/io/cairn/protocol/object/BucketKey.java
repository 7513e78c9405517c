package io.cairn.protocol.object;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The address of an object: a bucket name and a key within it, both UTF-8 strings.
 *
 * <p>The limits here are the hard limits of the wire format; a node enforces its own configured
 * (smaller) key-size limit on top, with {@link #checkKeySize(int)}.
 */
public record BucketKey(String bucket, String key) {

  /** Longest bucket name in UTF-8 bytes. */
  public static final int MAX_BUCKET_BYTES = 255;

  /** Longest key the wire format carries, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 65_535;

  public BucketKey {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    requireWellFormed(bucket, "bucket name");
    requireWellFormed(key, "key");
    int bucketBytes = utf8Length(bucket);
    if (bucketBytes == 0) {
      throw new IllegalArgumentException("bucket name must not be empty");
    }
    if (bucketBytes > MAX_BUCKET_BYTES) {
      throw new IllegalArgumentException(
          "bucket name is " + bucketBytes + " bytes; at most " + MAX_BUCKET_BYTES + " are allowed");
    }
    int keyBytes = utf8Length(key);
    if (keyBytes == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (keyBytes > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key is " + keyBytes + " bytes; at most " + MAX_KEY_BYTES + " are allowed");
    }
  }

  public static BucketKey of(String bucket, String key) {
    return new BucketKey(bucket, key);
  }

  /** Rejects a key longer than a node's configured limit, naming the limit. */
  public void checkKeySize(int maxKeyBytes) {
    int keyBytes = utf8Length(key);
    if (keyBytes > maxKeyBytes) {
      throw new IllegalArgumentException(
          "key is " + keyBytes + " bytes; this cluster accepts at most " + maxKeyBytes);
    }
  }

  /** Unpaired surrogates have no UTF-8 form: they would be stored as '?' and address another key. */
  private static void requireWellFormed(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate at " + i + ")");
      }
    }
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return bucket + "/" + key;
  }
}
