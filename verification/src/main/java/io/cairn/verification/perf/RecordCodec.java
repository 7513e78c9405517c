package io.cairn.verification.perf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YCSB record (field name to bytes) as one Cairn value: a varint field count, then for each field
 * a varint name length, the UTF-8 name, a varint value length and the value bytes. About 10 bytes
 * of framing on a 1 KB record of ten 100-byte fields.
 */
public final class RecordCodec {
  private RecordCodec() {
  }

  public static byte[] encode(Map<String, byte[]> fields) {
    int size = 5;
    for (Map.Entry<String, byte[]> e : fields.entrySet()) {
      size += 10 + e.getKey().length() * 3 + e.getValue().length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    writeVarint(out, fields.size());
    for (Map.Entry<String, byte[]> e : fields.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      writeVarint(out, name.length);
      out.write(name, 0, name.length);
      writeVarint(out, e.getValue().length);
      out.write(e.getValue(), 0, e.getValue().length);
    }
    return out.toByteArray();
  }

  /** Decodes {@link #encode}'s output; throws IllegalArgumentException on anything else. */
  public static Map<String, byte[]> decode(byte[] bytes) {
    int[] pos = {0};
    int count = readVarint(bytes, pos);
    Map<String, byte[]> fields = new LinkedHashMap<>(Math.max(4, count * 2));
    for (int i = 0; i < count; i++) {
      int nameLength = readVarint(bytes, pos);
      String name = new String(take(bytes, pos, nameLength), StandardCharsets.UTF_8);
      int valueLength = readVarint(bytes, pos);
      fields.put(name, take(bytes, pos, valueLength));
    }
    if (pos[0] != bytes.length) {
      throw new IllegalArgumentException("trailing bytes after " + count + " fields");
    }
    return fields;
  }

  /** One of a record's siblings: its decoded fields and the coordinator's timestamp. */
  public record Sibling(Map<String, byte[]> fields, long timestamp) {
  }

  /**
   * Merges concurrent siblings field by field: every field any sibling has is kept; where two
   * siblings disagree on a field, the one with the larger timestamp wins (ties: the later in the
   * list). A YCSB update writes a subset of the fields, so this keeps each concurrent update's
   * fields rather than dropping whole siblings.
   */
  public static Map<String, byte[]> merge(List<Sibling> siblings) {
    if (siblings.size() == 1) {
      return new LinkedHashMap<>(siblings.get(0).fields());
    }
    Map<String, byte[]> merged = new LinkedHashMap<>();
    siblings.stream()
        .sorted(Comparator.comparingLong(Sibling::timestamp))
        .forEachOrdered(s -> merged.putAll(s.fields()));
    return merged;
  }

  private static byte[] take(byte[] bytes, int[] pos, int length) {
    if (length < 0 || pos[0] + length > bytes.length) {
      throw new IllegalArgumentException("truncated record at byte " + pos[0]);
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, pos[0], out, 0, length);
    pos[0] += length;
    return out;
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static int readVarint(byte[] bytes, int[] pos) {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new IllegalArgumentException("truncated varint at byte " + pos[0]);
      }
      int b = bytes[pos[0]++] & 0xFF;
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          throw new IllegalArgumentException("negative length");
        }
        return value;
      }
    }
    throw new IllegalArgumentException("varint too long at byte " + pos[0]);
  }
}
