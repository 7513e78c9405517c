package io.cairn.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stored value (a sibling): its bytes, content type and the timestamp the coordinator gave it.
 */
public record Value(byte[] bytes, String contentType, long timestamp) {
  public Value {
    Objects.requireNonNull(bytes, "bytes");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && Arrays.equals(bytes, v.bytes)
        && Objects.equals(contentType, v.contentType) && timestamp == v.timestamp;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + Objects.hash(contentType, timestamp);
  }

  @Override
  public String toString() {
    return "Value[" + bytes.length + " bytes, " + contentType + ", ts=" + timestamp + "]";
  }
}
