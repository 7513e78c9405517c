package io.cairn.node.cluster;

import io.cairn.protocol.ring.NodeId;
import java.util.Optional;

/**
 * Checks the fields of an inbound internode message against this node's ring before anything acts
 * on them: a partition number outside the ring would otherwise create a partition file of its own
 * (and keep it across restarts), and a hint for a node that is not a member could never be
 * delivered.
 */
public final class InboundChecks {

  private final RingHolder rings;

  public InboundChecks(RingHolder rings) {
    this.rings = rings;
  }

  /** @throws IllegalArgumentException if {@code partition} is not one of the ring's Q partitions */
  public void partition(int partition) {
    int q = rings.ring().partitionCount();
    if (partition < 0 || partition >= q) {
      throw new IllegalArgumentException("partition " + partition + " is not in this cluster's ring of " + q + " partitions");
    }
  }

  /** @throws IllegalArgumentException if a hint names a node that is not a member */
  public void hintTarget(Optional<NodeId> target) {
    if (target.isPresent() && rings.ring().member(target.get()).isEmpty()) {
      throw new IllegalArgumentException("a hint for " + target.get() + ", which is not a member of this cluster");
    }
  }
}
