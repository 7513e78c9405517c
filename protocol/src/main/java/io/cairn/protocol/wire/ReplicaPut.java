package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * Merge {@code object} into the receiver's replica of {@code key}. Sent by a put's coordinator to the
 * other targets, by read repair, hinted handoff and anti-entropy. Merging is idempotent, so a
 * duplicated or retried message is harmless. {@code hintFor} names the primary this copy stands in
 * for when the receiver is a fallback (sloppy quorum).
 */
public record ReplicaPut(
    int partition,
    BucketKey key,
    StoredObject object,
    ConflictMode conflictMode,
    Optional<NodeId> hintFor)
    implements WireMessage {

  public ReplicaPut {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(conflictMode, "conflictMode");
    Objects.requireNonNull(hintFor, "hintFor");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
  }
}
