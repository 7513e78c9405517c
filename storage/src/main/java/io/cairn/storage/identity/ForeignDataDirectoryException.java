package io.cairn.storage.identity;

import io.cairn.protocol.ring.NodeId;

/** The data directory belongs to another node: a node must never adopt another's data or actor. */
public final class ForeignDataDirectoryException extends ReplicaIdentityException {

  private final NodeId owner;
  private final NodeId configured;

  /** @param identity where the replica identity is kept (in the data directory) */
  public ForeignDataDirectoryException(String identity, NodeId owner, NodeId configured) {
    super("the data directory of " + identity + " belongs to node '" + owner + "', but this node is configured"
        + " as '" + configured + "'; refusing to start. Point this node at its own data directory,"
        + " or fix its node id.");
    this.owner = owner;
    this.configured = configured;
  }

  public NodeId owner() {
    return owner;
  }

  public NodeId configured() {
    return configured;
  }
}
