package io.cairn.protocol.ring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Maps a (bucket, key) pair to one of {@code partitionCount} equal ranges of the 128-bit MD5 ring.
 *
 * <p><b>This hashing is part of the on-disk and wire contract.</b> Stored data is placed by the
 * partition computed here, so the byte layout hashed (a 4-byte big-endian length of the bucket's
 * UTF-8 bytes, the bucket's UTF-8 bytes, then the key's UTF-8 bytes), the hash function (MD5) and
 * the mapping from digest to partition (its top {@code log2(partitionCount)} bits) must never
 * change. The length prefix keeps ("ab", "c") and ("a", "bc") apart. MD5 is used for its spread,
 * not for security.
 */
public record Partitioner(int partitionCount) {

  /** Largest partition count accepted: 2^16, enough for thousands of nodes. */
  public static final int MAX_PARTITIONS = 1 << 16;

  /** Length of an MD5 digest in bytes. */
  public static final int DIGEST_LENGTH = 16;

  public Partitioner {
    requireValidPartitionCount(partitionCount);
  }

  /** The partition of a key: the top log2(Q) bits of {@link #digest(String, String)}. */
  public int partitionOf(String bucket, String key) {
    return partitionOfDigest(digest(bucket, key));
  }

  /**
   * The partition of a position on the ring. Partition {@code b} holds exactly the digests whose
   * top log2(Q) bits read {@code b}, so the Q partitions are equal ranges of the 128-bit space.
   */
  public int partitionOfDigest(byte[] md5) {
    if (md5 == null || md5.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "an MD5 digest has " + DIGEST_LENGTH + " bytes, got "
              + (md5 == null ? "null" : md5.length + " bytes"));
    }
    int bits = Integer.numberOfTrailingZeros(partitionCount);
    if (bits == 0) {
      // Q = 1; shifting an int by 32 would be a no-op in Java, not a zero.
      return 0;
    }
    int top32 = ByteBuffer.wrap(md5, 0, Integer.BYTES).getInt();
    return top32 >>> (Integer.SIZE - bits);
  }

  /** The MD5 digest of a key, i.e. its position on the ring. A fresh array on every call. */
  public static byte[] digest(String bucket, String key) {
    if (bucket == null || key == null) {
      throw new IllegalArgumentException("bucket and key must not be null");
    }
    byte[] bucketBytes = bucket.getBytes(StandardCharsets.UTF_8);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    MessageDigest md5 = Md5.newDigest();
    md5.update(ByteBuffer.allocate(Integer.BYTES).putInt(bucketBytes.length).array());
    md5.update(bucketBytes);
    md5.update(keyBytes);
    return md5.digest();
  }

  /** Checks that a partition count is a power of two in [1, {@value #MAX_PARTITIONS}]. */
  static void requireValidPartitionCount(int partitionCount) {
    if (partitionCount < 1 || partitionCount > MAX_PARTITIONS || Integer.bitCount(partitionCount) != 1) {
      throw new IllegalArgumentException(
          "partition count is " + partitionCount + "; it must be a power of two between 1 and "
              + MAX_PARTITIONS);
    }
  }
}
