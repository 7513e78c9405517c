package io.cairn.verification.sim;

import io.cairn.node.net.RequestHandler;
import io.cairn.node.replica.ReplicaStore;

/** Wraps a node's internode request handler (to plant a deliberate bug for a negative control). */
@FunctionalInterface
interface HandlerWrapper {
  RequestHandler wrap(RequestHandler real, ReplicaStore store);

  HandlerWrapper NONE = (real, store) -> real;
}
