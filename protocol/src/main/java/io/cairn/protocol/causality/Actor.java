package io.cairn.protocol.causality;

import io.cairn.protocol.ring.NodeId;
import java.util.Objects;

/**
 * The identity that mints dots: a node id together with the node's persisted epoch.
 *
 * <p>The epoch is what keeps Cairn clear of the Riak "KV679" class of bug: a node that loses its
 * data directory and comes back under the same node id must not reuse its old counters, or its new
 * writes look like old history to every other replica and are read-repaired away. The node bumps its
 * epoch whenever its local data is lost, which makes it a brand-new actor.
 */
public record Actor(NodeId node, long epoch) implements Comparable<Actor> {

  public Actor {
    Objects.requireNonNull(node, "node");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch of " + node + " must be >= 0, was " + epoch);
    }
  }

  public static Actor of(String node, long epoch) {
    return new Actor(NodeId.of(node), epoch);
  }

  @Override
  public int compareTo(Actor other) {
    // by node, then epoch; written out because DVV merges compare actors in their inner loops
    int byNode = node.compareTo(other.node);
    return byNode != 0 ? byNode : Long.compare(epoch, other.epoch);
  }

  @Override
  public String toString() {
    return node + "@" + epoch;
  }
}
