package io.cairn.protocol.causality;

import io.cairn.protocol.ring.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * The opaque causal context handed to clients (HTTP header {@code X-Cairn-Context}): a compact,
 * versioned encoding of a {@link VersionVector} as unpadded base64url.
 *
 * <p>Layout of format 1, before base64url:
 *
 * <pre>
 *   byte    format (= 1)
 *   varint  number of entries
 *   entries in strictly ascending actor order:
 *     varint  length of the node id, then its ASCII bytes
 *     varint  epoch
 *     varint  counter (>= 1)
 *   4 bytes CRC32C of everything before it, big-endian
 * </pre>
 *
 * <p>Decoding is strict, because a context decides which siblings a write discards: anything other
 * than the exact canonical encoding (wrong format, truncation, trailing bytes, overlong varints,
 * unsorted or duplicate actors, zero counters, bad checksum) is rejected with a
 * {@link MalformedContextException}; nothing is ever half-parsed. The checksum turns a corrupted
 * (not just truncated) context into an error instead of a different, valid context.
 */
public final class ContextCodec {

  /** Current format byte; a new layout gets a new number and the decoder keeps reading old ones. */
  public static final int FORMAT = 1;

  /** Longest encoded context accepted (characters): far above any real key's writer count. */
  public static final int MAX_ENCODED_LENGTH = 16 * 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ContextCodec() {}

  public static String encode(VersionVector context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + context.size() * 16);
    out.write(FORMAT);
    writeVarint(out, context.size());
    for (int i = 0; i < context.size(); i++) {
      Actor actor = context.actorAt(i);
      byte[] id = actor.node().value().getBytes(StandardCharsets.US_ASCII);
      writeVarint(out, id.length);
      out.write(id, 0, id.length);
      writeVarint(out, actor.epoch());
      writeVarint(out, context.counterAt(i));
    }
    CRC32C crc = new CRC32C();
    byte[] body = out.toByteArray();
    crc.update(body, 0, body.length);
    long sum = crc.getValue();
    out.write((int) (sum >>> 24));
    out.write((int) (sum >>> 16));
    out.write((int) (sum >>> 8));
    out.write((int) sum);
    return ENCODER.encodeToString(out.toByteArray());
  }

  /**
   * Decodes a context produced by {@link #encode}. A null or empty string means "no context" (a blind
   * write) and yields the empty vector.
   *
   * @throws MalformedContextException if {@code encoded} is anything but a canonical encoding
   */
  public static VersionVector decode(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return VersionVector.empty();
    }
    if (encoded.length() > MAX_ENCODED_LENGTH) {
      throw new MalformedContextException(
          "it is " + encoded.length() + " characters long; at most " + MAX_ENCODED_LENGTH
              + " are accepted");
    }
    if (encoded.indexOf('=') >= 0) {
      throw new MalformedContextException("it must be unpadded base64url (no '=')");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedContextException("it is not base64url: " + e.getMessage());
    }
    if (!ENCODER.encodeToString(bytes).equals(encoded)) {
      // Base64 tolerates non-zero trailing bits; a canonical context has exactly one spelling.
      throw new MalformedContextException("it is not canonical base64url");
    }
    if (bytes.length < 1 + 1 + 4) {
      throw new MalformedContextException("it is truncated (" + bytes.length + " bytes)");
    }
    int bodyLength = bytes.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bodyLength);
    long expected = crc.getValue();
    long actual =
        ((bytes[bodyLength] & 0xFFL) << 24)
            | ((bytes[bodyLength + 1] & 0xFFL) << 16)
            | ((bytes[bodyLength + 2] & 0xFFL) << 8)
            | (bytes[bodyLength + 3] & 0xFFL);
    if (expected != actual) {
      throw new MalformedContextException("its checksum does not match (corrupted or truncated)");
    }
    Reader in = new Reader(bytes, bodyLength);
    int format = in.readByte();
    if (format != FORMAT) {
      throw new MalformedContextException(
          "format " + format + " is unknown; this node reads format " + FORMAT);
    }
    long count = in.readVarint();
    if (count > bodyLength) {
      throw new MalformedContextException("it claims " + count + " entries in " + bodyLength + " bytes");
    }
    VersionVector.Builder builder = VersionVector.builder((int) count);
    Actor previous = null;
    for (long i = 0; i < count; i++) {
      int idLength = (int) Math.min(in.readVarint(), Integer.MAX_VALUE);
      NodeId node;
      try {
        node = NodeId.of(new String(in.readBytes(idLength), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new MalformedContextException("entry " + i + ": " + e.getMessage());
      }
      Actor actor = new Actor(node, in.readVarint());
      long counter = in.readVarint();
      if (counter < 1) {
        throw new MalformedContextException("entry " + i + " (" + actor + ") has counter 0");
      }
      if (previous != null && previous.compareTo(actor) >= 0) {
        throw new MalformedContextException(
            "entries are not in strictly ascending order at " + actor);
      }
      builder.add(actor, counter);
      previous = actor;
    }
    if (!in.atEnd()) {
      throw new MalformedContextException("it has trailing bytes after its last entry");
    }
    return builder.build();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Bounds-checked reader over the body (the bytes before the checksum). */
  private static final class Reader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    Reader(byte[] bytes, int limit) {
      this.bytes = bytes;
      this.limit = limit;
    }

    int readByte() {
      if (position >= limit) {
        throw new MalformedContextException("it ends in the middle of an entry");
      }
      return bytes[position++] & 0xFF;
    }

    byte[] readBytes(int length) {
      if (length < 0 || length > limit - position) {
        throw new MalformedContextException("it ends in the middle of an entry");
      }
      byte[] out = new byte[length];
      System.arraycopy(bytes, position, out, 0, length);
      position += length;
      return out;
    }

    /** An unsigned LEB128 varint in its shortest form, at most 63 bits. */
    long readVarint() {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        int b = readByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (b == 0 && shift > 0) {
            throw new MalformedContextException("it contains an overlong number");
          }
          if (value < 0) {
            throw new MalformedContextException("it contains a number out of range");
          }
          return value;
        }
      }
      throw new MalformedContextException("it contains a number out of range");
    }

    boolean atEnd() {
      return position == limit;
    }
  }
}
