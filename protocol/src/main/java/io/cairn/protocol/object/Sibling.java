package io.cairn.protocol.object;

import java.io.IOException;
import java.io.OutputStream;
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
public final class Sibling {

  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private final byte[] value;
  private final String contentType;
  private final long timestamp;
  private final boolean tombstone;

  /** A sibling holding its own copy of {@code value}: the caller may go on changing its array. */
  public Sibling(byte[] value, String contentType, long timestamp, boolean tombstone) {
    this(contentType, timestamp, tombstone, Objects.requireNonNull(value, "value").clone());
  }

  private Sibling(String contentType, long timestamp, boolean tombstone, byte[] owned) {
    this.value = Objects.requireNonNull(owned, "value");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    checkContentType(contentType);
    if (tombstone && owned.length > 0) {
      throw new IllegalArgumentException("a tombstone carries no value bytes");
    }
    this.timestamp = timestamp;
    this.tombstone = tombstone;
  }

  /**
   * A sibling that takes {@code value} over instead of copying it: for decoders, whose freshly read
   * array nobody else holds. The caller must not touch the array afterwards. (Copying every value on
   * the way in and again on the way out was a quarter of a node's allocation under load, and
   * allocation is what sets how often the young collector pauses the event loop.)
   */
  public static Sibling owning(byte[] value, String contentType, long timestamp, boolean tombstone) {
    return new Sibling(contentType, timestamp, tombstone, value);
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

  /** This sibling stamped with another time; the two share the (never changed) value bytes. */
  public Sibling withTimestamp(long timestamp) {
    return new Sibling(contentType, timestamp, tombstone, value);
  }

  /** A copy of the value bytes (the sibling keeps its own copy: siblings are immutable). */
  public byte[] value() {
    return value.clone();
  }

  /**
   * Writes the value bytes to {@code out} without copying them first (for encoders). {@code out} is
   * handed the sibling's own array and must neither keep nor change it (Kryo's {@code Output} copies
   * it into its buffer).
   */
  public void writeValueTo(OutputStream out) throws IOException {
    out.write(value);
  }

  public String contentType() {
    return contentType;
  }

  /** Wall-clock milliseconds of the write, as stamped by the node that took it. */
  public long timestamp() {
    return timestamp;
  }

  /** True for a delete. */
  public boolean tombstone() {
    return tombstone;
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
