package io.cairn.protocol.wire;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/**
 * Remove a tombstone: sent by a partition's reap leader once every primary was seen holding the
 * same tombstone. The receiver removes the key only if it still holds exactly that tombstone (same
 * clock, nothing but deletes); anything newer stays.
 */
public record ReapRequest(int partition, BucketKey key, VersionVector tombstoneClock) implements WireMessage {

  public ReapRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tombstoneClock, "tombstoneClock");
  }
}
