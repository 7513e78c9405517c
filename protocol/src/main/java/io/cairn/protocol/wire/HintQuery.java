package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/**
 * Does the receiver hold a hint (a fallback's copy for some primary) of this key? Asked by a reap
 * leader of every node before removing a tombstone: a hint written before the delete and delivered
 * after the reap would otherwise bring the deleted value back.
 */
public record HintQuery(int partition, BucketKey key) implements WireMessage {
  public HintQuery {
    Objects.requireNonNull(key, "key");
  }
}
