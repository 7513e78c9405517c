package io.cairn.storage.chronicle;

import io.cairn.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One logged mutation. On disk: {@code int length, int crc32c, payload}, payload = {@code byte type,
 * int partition, int keyLength, key, int valueLength, value}. Values are whole objects (the result of
 * a read-modify-write), so replaying a record is idempotent.
 */
record WalRecord(byte type, int partition, byte[] key, byte[] value) {

  static final byte PUT = 1;
  static final byte DELETE = 2;
  static final byte DROP_PARTITION = 3;

  static final int HEADER_BYTES = 8;

  static WalRecord put(int partition, byte[] key, byte[] value) {
    return new WalRecord(PUT, partition, key, value);
  }

  static WalRecord delete(int partition, byte[] key) {
    return new WalRecord(DELETE, partition, key, new byte[0]);
  }

  static WalRecord dropPartition(int partition) {
    return new WalRecord(DROP_PARTITION, partition, new byte[0], new byte[0]);
  }

  int encodedSize() {
    return HEADER_BYTES + 1 + 4 + 4 + key.length + 4 + value.length;
  }

  void writeTo(ByteBuffer out) {
    int payload = encodedSize() - HEADER_BYTES;
    int start = out.position();
    out.putInt(payload);
    out.putInt(0); // crc, patched below
    out.put(type).putInt(partition).putInt(key.length).put(key).putInt(value.length).put(value);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), out.arrayOffset() + start + HEADER_BYTES, payload);
    out.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * Reads the record at the buffer's position, or returns null when what is left is a torn write
   * (too short, or a checksum that does not match): the tail of a log cut by a crash.
   */
  static WalRecord readFrom(ByteBuffer in) {
    if (in.remaining() < HEADER_BYTES) {
      return null;
    }
    int payload = in.getInt(in.position());
    if (payload < 13 || payload > in.remaining() - HEADER_BYTES) {
      return null;
    }
    int expected = in.getInt(in.position() + 4);
    CRC32C crc = new CRC32C();
    crc.update(in.array(), in.arrayOffset() + in.position() + HEADER_BYTES, payload);
    if ((int) crc.getValue() != expected) {
      return null;
    }
    in.position(in.position() + HEADER_BYTES);
    byte type = in.get();
    int partition = in.getInt();
    byte[] key = new byte[checkedLength(in.getInt(), in)];
    in.get(key);
    byte[] value = new byte[checkedLength(in.getInt(), in)];
    in.get(value);
    if (type != PUT && type != DELETE && type != DROP_PARTITION) {
      throw new StorageException("write-ahead log holds a record of unknown type " + type);
    }
    return new WalRecord(type, partition, key, value);
  }

  private static int checkedLength(int length, ByteBuffer in) {
    if (length < 0 || length > in.remaining()) {
      throw new StorageException("write-ahead log record has a bad length " + length);
    }
    return length;
  }
}
