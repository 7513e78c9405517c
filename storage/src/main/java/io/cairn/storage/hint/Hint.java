package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A write kept for {@code target}, to be delivered when it is reachable again.
 *
 * @param object the encoded object (the node's sibling set), merged from every write hinted for the
 *     key since the last delivery
 * @param createdAtMillis when the oldest write merged into this hint was hinted
 */
public record Hint(NodeId target, int partition, BucketKey key, byte[] object, long createdAtMillis) {

  /**
   * What the store charges for each hint on top of its bytes: a Chronicle Map entry costs its hash
   * slot, size prefixes and chunk rounding. Charging it also bounds the number of hints, which is
   * what lets the map be sized to hold anything within the byte bound.
   */
  public static final int OVERHEAD_BYTES = 64;

  public Hint {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(object, "object");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
    object = object.clone();
  }

  @Override
  public byte[] object() {
    return object.clone();
  }

  /** The bytes this hint counts against its store's bound: overhead, encoded address, object. */
  public long footprintBytes() {
    return footprintBytes(target, key, object.length);
  }

  static long footprintBytes(NodeId target, BucketKey key, int objectBytes) {
    return (long) OVERHEAD_BYTES + HintCodec.addressLength(target, key) + objectBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hint h
        && partition == h.partition
        && createdAtMillis == h.createdAtMillis
        && target.equals(h.target)
        && key.equals(h.key)
        && Arrays.equals(object, h.object);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, partition, key, createdAtMillis) * 31 + Arrays.hashCode(object);
  }

  @Override
  public String toString() {
    return "Hint[" + target + " p" + partition + " " + key + ", " + object.length + " bytes, created "
        + createdAtMillis + "]";
  }
}
