package io.cairn.storage;

import io.cairn.protocol.object.BucketKey;
import java.nio.charset.StandardCharsets;

/**
 * How a (bucket, key) is spelled as bytes in a map: the bucket's UTF-8 length (one byte, buckets are
 * at most 255 bytes), the bucket, then the key. Unambiguous, and decodable again for scans.
 */
public final class KeyCodec {

  private KeyCodec() {}

  public static byte[] encode(BucketKey key) {
    byte[] bucket = key.bucket().getBytes(StandardCharsets.UTF_8);
    byte[] k = key.key().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + bucket.length + k.length];
    out[0] = (byte) bucket.length;
    System.arraycopy(bucket, 0, out, 1, bucket.length);
    System.arraycopy(k, 0, out, 1 + bucket.length, k.length);
    return out;
  }

  public static BucketKey decode(byte[] bytes) {
    if (bytes.length < 1) {
      throw new StorageException("stored key is empty");
    }
    int bucketLength = bytes[0] & 0xFF;
    if (bytes.length < 1 + bucketLength) {
      throw new StorageException("stored key is truncated");
    }
    return new BucketKey(
        new String(bytes, 1, bucketLength, StandardCharsets.UTF_8),
        new String(bytes, 1 + bucketLength, bytes.length - 1 - bucketLength, StandardCharsets.UTF_8));
  }

  /**
   * A stored key as text for log lines: {@code bucket/key} when it decodes, else its length and hex
   * (a corrupt key may not).
   */
  public static String describe(byte[] bytes) {
    try {
      BucketKey key = decode(bytes);
      return key.bucket() + "/" + key.key();
    } catch (RuntimeException e) {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < Math.min(bytes.length, 64); i++) {
        hex.append(String.format("%02x", bytes[i]));
      }
      return "<undecodable, " + bytes.length + " bytes: " + hex + (bytes.length > 64 ? "..." : "") + ">";
    }
  }
}
