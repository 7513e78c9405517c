package io.cairn.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How an engine frames a stored object: a 4-byte CRC32C (big-endian), then the value. The checksum
 * covers the key's length, the encoded key ({@link KeyCodec}) and the value, so a flipped byte in
 * the key, the value or the checksum itself is caught, and a value can never pass for another key's.
 *
 * <p>The storage layers below (Chronicle Map, the page cache, the disk) check nothing on an
 * ordinary read: without this frame a rotten byte would be served as data and, being newer than
 * nothing, win every merge. An engine verifies the frame on every read and scan and treats a
 * mismatch as a missing replica, which the other replicas repair.
 */
public final class ChecksummedValue {

  /** Bytes the frame adds to a value. */
  public static final int OVERHEAD = Integer.BYTES;

  private ChecksummedValue() {}

  /** The stored form of {@code value} under {@code encodedKey}. */
  public static byte[] frame(byte[] encodedKey, byte[] value) {
    byte[] out = new byte[OVERHEAD + value.length];
    ByteBuffer.wrap(out).putInt(checksum(encodedKey, value, 0, value.length));
    System.arraycopy(value, 0, out, OVERHEAD, value.length);
    return out;
  }

  /** The value inside {@code stored}, or null if the frame is too short or its checksum does not match. */
  public static byte[] unframe(byte[] encodedKey, byte[] stored) {
    if (stored.length < OVERHEAD) {
      return null;
    }
    int expected = ByteBuffer.wrap(stored).getInt();
    if (checksum(encodedKey, stored, OVERHEAD, stored.length - OVERHEAD) != expected) {
      return null;
    }
    byte[] value = new byte[stored.length - OVERHEAD];
    System.arraycopy(stored, OVERHEAD, value, 0, value.length);
    return value;
  }

  private static int checksum(byte[] key, byte[] value, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(key.length).flip());
    crc.update(key);
    crc.update(value, offset, length);
    return (int) crc.getValue();
  }
}
