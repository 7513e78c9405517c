package io.cairn.node.replica;

import io.cairn.node.net.RequestHandler;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireMessage;
import io.cairn.storage.StorageException;
import io.cairn.storage.hint.HintStore;
import io.cairn.storage.hint.HintStoreFullException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Serves replica-level requests from other nodes: merge a copy into the local replica (or, as a
 * fallback, into the hint store for the primary it stands in for), and read the local copy.
 */
public final class ReplicaService {

  private final ReplicaStore store;
  private final HintStore hints;
  private final io.cairn.protocol.wire.WireCodec codec;

  public ReplicaService(ReplicaStore store, HintStore hints, io.cairn.protocol.wire.WireCodec codec) {
    this.store = store;
    this.hints = hints;
    this.codec = codec;
  }

  /** Handles replica puts and gets, reaps and hint queries; anything else is not this service's. */
  public Optional<CompletableFuture<WireMessage>> handle(NodeId from, WireMessage request) {
    if (request instanceof ReplicaPut put) {
      return Optional.of(CompletableFuture.completedFuture(put(put)));
    }
    if (request instanceof ReplicaGet get) {
      return Optional.of(CompletableFuture.completedFuture(get(get)));
    }
    if (request instanceof io.cairn.protocol.wire.HintQuery query) {
      return Optional.of(CompletableFuture.completedFuture(
          new io.cairn.protocol.wire.HintQueryReply(hints.holdsAny(query.partition(), query.key()))));
    }
        if (request instanceof io.cairn.protocol.wire.ReapRequest reap) {
      return Optional.of(CompletableFuture.completedFuture(
          new io.cairn.protocol.wire.ReapReply(store.reap(reap.partition(), reap.key(), reap.tombstoneClock()))));
    }
    return Optional.empty();
  }

  /** As a {@link RequestHandler} that fails requests it does not handle. */
  public RequestHandler asHandler() {
    return (from, request) -> handle(from, request)
        .orElseGet(() -> CompletableFuture.failedFuture(
            new IllegalArgumentException("no handler for " + request.getClass().getSimpleName())));
  }

  ReplicaPutReply put(ReplicaPut put) {
    try {
      if (put.hintFor().isPresent()) {
        // a fallback keeps the copy for the primary, not as a replica of its own
        hints.add(put.hintFor().get(), put.partition(), put.key(), codec.encode(put.object()));
      } else {
        store.merge(put.partition(), put.key(), put.object(), put.conflictMode());
      }
      return ReplicaPutReply.ok();
    } catch (HintStoreFullException e) {
      return new ReplicaPutReply(ReplicaStatus.OVERLOADED, e.getMessage());
    } catch (StorageException e) {
      return new ReplicaPutReply(ReplicaStatus.REJECTED, e.getMessage());
    }
  }

  ReplicaGetReply get(ReplicaGet get) {
    try {
      return ReplicaGetReply.ok(store.get(get.partition(), get.key()));
    } catch (StorageException e) {
      return new ReplicaGetReply(ReplicaStatus.REJECTED, io.cairn.protocol.object.StoredObject.empty(), e.getMessage());
    }
  }
}
