package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/** Read the receiver's own replica of {@code key} (no coordination). */
public record ReplicaGet(int partition, BucketKey key) implements WireMessage {

  public ReplicaGet {
    Objects.requireNonNull(key, "key");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
  }
}
