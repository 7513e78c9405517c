package io.cairn.protocol.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked primitives for the binary formats. Every length or count read from the wire is
 * checked against a limit and against the bytes actually left before anything is allocated, so a
 * hostile or corrupted frame cannot make a node allocate gigabytes or read past a message.
 */
final class WireIo {

  private WireIo() {}

  static void writeString(Output out, String s) {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(Input in, int maxBytes, String what) {
    return new String(readBytes(in, maxBytes, what), StandardCharsets.UTF_8);
  }

  static void writeBytes(Output out, byte[] bytes) {
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  static byte[] readBytes(Input in, int maxBytes, String what) {
    int length = in.readVarInt(true);
    if (length < 0 || length > maxBytes) {
      throw new WireFormatException(what + " is " + length + " bytes; at most " + maxBytes);
    }
    requireRemaining(in, length, what);
    return in.readBytes(length);
  }

  /** A count of elements that each take at least one byte: bounded by what is left to read. */
  static int readCount(Input in, int max, String what) {
    int count = in.readVarInt(true);
    if (count < 0 || count > max) {
      throw new WireFormatException(what + " count " + count + " is out of range (max " + max + ")");
    }
    requireRemaining(in, count, what);
    return count;
  }

  static int readNonNegativeInt(Input in, String what) {
    int value = in.readVarInt(true);
    if (value < 0) {
      throw new WireFormatException(what + " is negative");
    }
    return value;
  }

  static long readNonNegativeLong(Input in, String what) {
    long value = in.readVarLong(true);
    if (value < 0) {
      throw new WireFormatException(what + " is negative");
    }
    return value;
  }

  /**
   * Enums travel as their index in an explicit, append-only table given by the format (never as
   * {@code ordinal()}, which a reordering of the Java declaration would silently change).
   */
  static <E extends Enum<E>> void writeEnum(Output out, E value, E[] table) {
    for (int i = 0; i < table.length; i++) {
      if (table[i] == value) {
        out.writeVarInt(i, true);
        return;
      }
    }
    throw new IllegalStateException(value + " has no wire code");
  }

  static <E extends Enum<E>> E readEnum(Input in, E[] table, String what) {
    int code = in.readVarInt(true);
    if (code < 0 || code >= table.length) {
      throw new WireFormatException("unknown " + what + " code " + code);
    }
    return table[code];
  }

  static void requireRemaining(Input in, int needed, String what) {
    if (needed > in.limit() - in.position()) {
      throw new WireFormatException(what + " is truncated");
    }
  }
}
