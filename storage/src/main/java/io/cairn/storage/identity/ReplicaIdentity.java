package io.cairn.storage.identity;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.ring.NodeId;
import java.util.Objects;

/**
 * Who this replica is in causality metadata: its node id and the epoch of its current data. A new
 * epoch means a new actor, whose dots no peer can mistake for older ones.
 */
public record ReplicaIdentity(NodeId node, long epoch) {

  public ReplicaIdentity {
    Objects.requireNonNull(node, "node");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch of " + node + " must be >= 1, was " + epoch);
    }
  }

  /** The actor this replica mints dots under. */
  public Actor actor() {
    return new Actor(node, epoch);
  }

  @Override
  public String toString() {
    return node + "@" + epoch;
  }
}
