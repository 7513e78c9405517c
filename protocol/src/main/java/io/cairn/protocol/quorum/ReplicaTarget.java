package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One node a coordinated request is sent to: a primary of the key, a fallback standing in for the
 * primary named by {@code hintFor} (sloppy quorum), or a pending owner — a node taking over the
 * key's partition, which receives every write while its transfer runs but counts toward no quorum,
 * because its copy is incomplete until the transfer finishes.
 */
public record ReplicaTarget(NodeId node, Optional<NodeId> hintFor, boolean pending) {

  public ReplicaTarget {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hintFor, "hintFor");
    if (pending && hintFor.isPresent()) {
      throw new IllegalArgumentException("a pending owner stands in for no primary");
    }
  }

  public ReplicaTarget(NodeId node, Optional<NodeId> hintFor) {
    this(node, hintFor, false);
  }

  public static ReplicaTarget primary(NodeId node) {
    return new ReplicaTarget(node, Optional.empty(), false);
  }

  public static ReplicaTarget fallbackFor(NodeId node, NodeId primary) {
    return new ReplicaTarget(node, Optional.of(primary), false);
  }

  public static ReplicaTarget pendingOwner(NodeId node) {
    return new ReplicaTarget(node, Optional.empty(), true);
  }

  /** Whether this target is one of the key's primaries (counts toward {@code pr}/{@code pw}). */
  public boolean isPrimary() {
    return hintFor.isEmpty() && !pending;
  }

  /** Whether this target is a fallback keeping its copy as a hint for a primary. */
  public boolean isFallback() {
    return hintFor.isPresent();
  }

  /** Whether its answer counts toward {@code r}/{@code w}: primaries and fallbacks do, pending owners not. */
  public boolean counts() {
    return !pending;
  }
}
