package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.util.Objects;

/** Where a hint is filed: at most one hint exists per address. */
record HintAddress(NodeId target, int partition, BucketKey key) {

  HintAddress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(key, "key");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
  }

  static HintAddress of(Hint hint) {
    return new HintAddress(hint.target(), hint.partition(), hint.key());
  }
}
