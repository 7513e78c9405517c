package io.cairn.protocol.wire;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/**
 * Asked by a partition's reap leader before anything is removed: does the receiver hold exactly this
 * tombstone (same clock, nothing but deletes), and will it still hold it after a power loss? The
 * receiver forces its copy of the partition to disk before it answers yes. A tombstone that lived
 * only in memory could vanish in a power loss after its peers reaped it, and the value it deleted
 * would come back from the older copy on disk.
 */
public record ReapCheck(int partition, BucketKey key, VersionVector tombstoneClock) implements WireMessage {

  public ReapCheck {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tombstoneClock, "tombstoneClock");
  }
}
