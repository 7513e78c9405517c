package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One node a coordinated request is sent to: a primary of the key, or a fallback standing in for
 * the primary named by {@code hintFor} (sloppy quorum).
 */
public record ReplicaTarget(NodeId node, Optional<NodeId> hintFor) {

  public ReplicaTarget {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(hintFor, "hintFor");
  }

  public static ReplicaTarget primary(NodeId node) {
    return new ReplicaTarget(node, Optional.empty());
  }

  public static ReplicaTarget fallbackFor(NodeId node, NodeId primary) {
    return new ReplicaTarget(node, Optional.of(primary));
  }

  /** Whether this target is one of the key's primaries (counts toward {@code pr}/{@code pw}). */
  public boolean isPrimary() {
    return hintFor.isEmpty();
  }
}
