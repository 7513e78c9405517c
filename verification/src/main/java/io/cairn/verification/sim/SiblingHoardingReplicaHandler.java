package io.cairn.verification.sim;

import io.cairn.node.net.RequestHandler;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.WireMessage;
import io.cairn.storage.StorageException;
import java.util.concurrent.CompletableFuture;

/**
 * A deliberately runaway merge, for the negative control of the run bounds: a replica merges each
 * copy it is sent, then also keeps every live sibling of that copy again as a new concurrent
 * sibling, so a key's sibling set doubles with each replicated write. Left alone such a bug eats
 * the machine; the bounds must end the run as INVALID and name its seed.
 */
final class SiblingHoardingReplicaHandler implements RequestHandler {

  private static final Actor HOARDER = new Actor(NodeId.of("hoarder"), 1);

  private final RequestHandler real;
  private final ReplicaStore store;

  SiblingHoardingReplicaHandler(RequestHandler real, ReplicaStore store) {
    this.real = real;
    this.store = store;
  }

  @Override
  public CompletableFuture<WireMessage> handle(NodeId from, WireMessage request) {
    CompletableFuture<WireMessage> reply = real.handle(from, request);
    if (request instanceof ReplicaPut put && put.hintFor().isEmpty()) {
      for (Sibling s : put.object().liveSiblings()) {
        try {
          store.write(put.partition(), put.key(), HOARDER, VersionVector.empty(), s, put.conflictMode());
        } catch (StorageException | IllegalArgumentException full) {
          break; // the object reached the storage limit: it stays as large as it may be
        }
      }
    }
    return reply;
  }
}
