package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Byte forms of hints in the Chronicle file.
 *
 * <p>Address: target length (one byte; node ids are ASCII and at most 64 long), target, partition
 * (4 bytes, big-endian), then the {@link KeyCodec} form of the key. The target comes first so a scan
 * can skip other targets' hints without decoding their keys. Record: created-at millis (8 bytes,
 * big-endian), then the object.
 */
final class HintCodec {

  private static final int PARTITION_BYTES = Integer.BYTES;
  private static final int CREATED_AT_BYTES = Long.BYTES;

  private HintCodec() {}

  static int addressLength(NodeId target, BucketKey key) {
    return 1 + target.value().length() + PARTITION_BYTES + KeyCodec.encode(key).length;
  }

  static byte[] encodeAddress(HintAddress address) {
    byte[] target = targetBytes(address.target());
    byte[] key = KeyCodec.encode(address.key());
    return ByteBuffer.allocate(1 + target.length + PARTITION_BYTES + key.length)
        .put((byte) target.length)
        .put(target)
        .putInt(address.partition())
        .put(key)
        .array();
  }

  static HintAddress decodeAddress(byte[] bytes) {
    try {
      int targetLength = bytes[0] & 0xFF;
      NodeId target = NodeId.of(new String(bytes, 1, targetLength, StandardCharsets.US_ASCII));
      ByteBuffer b = ByteBuffer.wrap(bytes, 1 + targetLength, bytes.length - 1 - targetLength);
      int partition = b.getInt();
      byte[] key = new byte[b.remaining()];
      b.get(key);
      return new HintAddress(target, partition, KeyCodec.decode(key));
    } catch (RuntimeException e) {
      throw new StorageException("stored hint address of " + bytes.length + " bytes is malformed", e);
    }
  }

  /** Whether an encoded address belongs to {@code target} (given as {@link #targetBytes}). */
  static boolean isFor(byte[] address, byte[] target) {
    if (address.length < 1 + target.length || (address[0] & 0xFF) != target.length) {
      return false;
    }
    for (int i = 0; i < target.length; i++) {
      if (address[1 + i] != target[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] targetBytes(NodeId target) {
    return target.value().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] encodeRecord(StoredHint hint) {
    return ByteBuffer.allocate(CREATED_AT_BYTES + hint.object().length)
        .putLong(hint.createdAtMillis())
        .put(hint.object())
        .array();
  }

  static StoredHint decodeRecord(byte[] bytes) {
    if (bytes.length < CREATED_AT_BYTES) {
      throw new StorageException(
          "stored hint record is " + bytes.length + " bytes, shorter than its " + CREATED_AT_BYTES
              + "-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long createdAt = b.getLong();
    byte[] object = new byte[b.remaining()];
    b.get(object);
    return new StoredHint(createdAt, object);
  }
}
