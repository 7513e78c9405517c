package io.cairn.node.cluster;

import io.cairn.protocol.ring.NodeId;

/** Whether this node currently believes a peer can be reached (the failure detector's verdict). */
@FunctionalInterface
public interface Reachability {

  boolean isReachable(NodeId node);
}
