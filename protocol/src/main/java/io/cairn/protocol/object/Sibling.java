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
    if (tombstone && value.length > 0) {
      throw new IllegalArgumentException("a tombstone carries no value bytes");
    }
    value = value.clone();
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
