package io.cairn.protocol.merkle;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.Md5;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The hashes a key contributes to a {@link TicTacTree}: its position (which leaf) from (bucket,
 * key) alone, and its item hash from (bucket, key, version digest), where the version digest is a
 * hash of the stored object's canonical encoding — equal objects on two replicas give equal items.
 *
 * <p>The position uses the second half of the key's MD5, because the first half already chose the
 * partition: keys of one partition share their top bits there.
 */
public final class ItemHashes {

  private ItemHashes() {}

  /** Where a key falls in its partition's tree. */
  public static long position(BucketKey key) {
    return ByteBuffer.wrap(md5(key, null)).getLong(8);
  }

  /** The item hash of a key at a version; never 0 (0 stands for "absent" in updates). */
  public static long item(BucketKey key, byte[] versionDigest) {
    long h = ByteBuffer.wrap(md5(key, versionDigest)).getLong(0);
    return h == 0 ? 1 : h;
  }

  /** A digest of an object's canonical bytes (the wire encoding, which is canonical). */
  public static byte[] versionDigest(byte[] encodedObject) {
    MessageDigest md = Md5.newDigest();
    return md.digest(encodedObject);
  }

  private static byte[] md5(BucketKey key, byte[] versionDigest) {
    MessageDigest md = Md5.newDigest();
    byte[] bucket = key.bucket().getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(bucket.length).array());
    md.update(bucket);
    byte[] k = key.key().getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(k.length).array());
    md.update(k);
    if (versionDigest != null) {
      md.update(versionDigest);
    }
    return md.digest();
  }
}
