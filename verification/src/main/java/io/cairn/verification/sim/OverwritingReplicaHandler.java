package io.cairn.verification.sim;

import io.cairn.node.net.RequestHandler;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A deliberately broken merge, for the negative control: a replica that receives a copy of an
 * object (replication, read repair, hint delivery, anti-entropy) replaces its own copy with it
 * instead of merging the two sibling sets. Writes that only the replaced copy held are lost; the
 * checkers must say so. (The Merkle tree is not told; the periodic tree check repairs it.)
 */
final class OverwritingReplicaHandler implements RequestHandler {

  private final RequestHandler real;
  private final ReplicaStore store;
  private final WireCodec codec;

  OverwritingReplicaHandler(RequestHandler real, ReplicaStore store, WireCodec codec) {
    this.real = real;
    this.store = store;
    this.codec = codec;
  }

  @Override
  public CompletableFuture<WireMessage> handle(NodeId from, WireMessage request) {
    if (request instanceof ReplicaPut put && put.hintFor().isEmpty()) {
      store.engine().put(put.partition(), put.key(), codec.encode(put.object()));
      return CompletableFuture.completedFuture(ReplicaPutReply.ok());
    }
    return real.handle(from, request);
  }
}
