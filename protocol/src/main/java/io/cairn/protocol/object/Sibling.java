package io.cairn.protocol.object;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One version of an object's value: the bytes a client wrote, their content type, the wall-clock
 * time of the write (milliseconds since the epoch, for display and for {@code lww}), and whether the
 * write was a delete.
 *
 * <p>A delete is a write of a tombstone sibling, so it is ordered by causality like any other write
 * and cannot be undone by an older value arriving late.
 */
public record Sibling(byte[] value, String contentType, long timestamp, boolean tombstone) {

  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  public Sibling {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(contentType, "contentType");
    checkContentType(contentType);
    if (tombstone && value.length > 0) {
      throw new IllegalArgumentException("a tombstone carries no value bytes");
    }
    value = value.clone();
  }

  /** Longest content type accepted, in characters. */
  public static final int MAX_CONTENT_TYPE_LENGTH = 255;

  /** A content type travels as an HTTP header value: 1 to 255 printable ASCII characters. */
  private static void checkContentType(String contentType) {
    if (contentType.isEmpty() || contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
      throw new IllegalArgumentException(
          "content type must be 1 to " + MAX_CONTENT_TYPE_LENGTH + " characters long");
    }
    for (int i = 0; i < contentType.length(); i++) {
      char c = contentType.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "content type may contain only printable ASCII characters (found U+"
                + String.format("%04X", (int) c) + ")");
      }
    }
  }

  public static Sibling of(byte[] value, String contentType, long timestamp) {
    return new Sibling(value, contentType, timestamp, false);
  }

  public static Sibling tombstone(long timestamp) {
    return new Sibling(new byte[0], DEFAULT_CONTENT_TYPE, timestamp, true);
  }

  /** A copy of the value bytes (the record keeps its own copy: siblings are immutable). */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value's length without copying it. */
  public int size() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sibling s
        && timestamp == s.timestamp
        && tombstone == s.tombstone
        && contentType.equals(s.contentType)
        && Arrays.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(value), contentType, timestamp, tombstone);
  }

  @Override
  public String toString() {
    if (tombstone) {
      return "Sibling{tombstone, t=" + timestamp + "}";
    }
    String shown =
        value.length <= 16
            ? HexFormat.of().formatHex(value)
            : HexFormat.of().formatHex(value, 0, 16) + "...";
    return "Sibling{" + value.length + " bytes " + shown + ", " + contentType + ", t=" + timestamp
        + "}";
  }
}
