package io.cairn.node.replica;

import io.cairn.node.cluster.InboundChecks;
import io.cairn.node.net.MessageHandlers;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.HintQuery;
import io.cairn.protocol.wire.HintQueryReply;
import io.cairn.protocol.wire.ReapCheck;
import io.cairn.protocol.wire.ReapCheckReply;
import io.cairn.protocol.wire.ReapReply;
import io.cairn.protocol.wire.ReapRequest;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.StorageException;
import io.cairn.storage.hint.HintStore;
import io.cairn.storage.hint.HintStoreFullException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Serves replica-level requests from other nodes: merge a copy into the local replica (or, as a
 * fallback, into the hint store for the primary it stands in for), read what this node holds of a
 * key (its replica and its hints: a fallback answers reads from the hints it keeps), answer hint
 * queries and reap tombstones (forcing a tombstone to disk before confirming it for a reap).
 *
 * <p>A copy whose partition map must first be created or grown is merged on the background
 * executor, never on the event loop that received it. A copy refused for lack of space is answered
 * REJECTED with the refusal's text, which the coordinator sees like any other missing
 * acknowledgement (it keeps a hint and counts the replica as failed).
 */
public final class ReplicaService {

  private final ReplicaStore store;
  private final HintStore hints;
  private final WireCodec codec;
  private final LocalReads reads;
  private final InboundChecks checks;
  private final Executor background;

  /** Merging every copy on the calling thread (tests). */
  public ReplicaService(ReplicaStore store, HintStore hints, WireCodec codec, LocalReads reads, InboundChecks checks) {
    this(store, hints, codec, reads, checks, Runnable::run);
  }

  /** @param background where copies whose write may block (map creation, growth) are merged */
  public ReplicaService(ReplicaStore store, HintStore hints, WireCodec codec, LocalReads reads, InboundChecks checks,
      Executor background) {
    this.background = background;
    this.store = store;
    this.hints = hints;
    this.codec = codec;
    this.reads = reads;
    this.checks = checks;
  }

  /** Registers the handlers of this service's messages. */
  public void registerWith(MessageHandlers handlers) {
    handlers.register(ReplicaPut.class, (from, put) -> put.hintFor().isEmpty() && store.engine().writeMayBlock(put.partition())
            ? CompletableFuture.supplyAsync(() -> put(put), background)
            : CompletableFuture.completedFuture(put(put)))
        .register(ReplicaGet.class, (from, get) -> CompletableFuture.completedFuture(get(get)))
        .register(HintQuery.class, (from, query) -> {
          checks.partition(query.partition());
          return CompletableFuture.completedFuture(new HintQueryReply(hints.holdsAny(query.partition(), query.key())));
        })
        .register(ReapCheck.class, (from, check) -> {
          checks.partition(check.partition());
          return CompletableFuture.supplyAsync(
              () -> new ReapCheckReply(store.holdsDurably(check.partition(), check.key(), check.tombstoneClock())),
              background);
        })
        .register(ReapRequest.class, (from, reap) -> {
          checks.partition(reap.partition());
          return CompletableFuture.completedFuture(
              new ReapReply(store.reap(reap.partition(), reap.key(), reap.tombstoneClock())));
        });
  }

  ReplicaPutReply put(ReplicaPut put) {
    try {
      checks.partition(put.partition());
      checks.hintTarget(put.hintFor());
    } catch (IllegalArgumentException e) {
      return new ReplicaPutReply(ReplicaStatus.REJECTED, e.getMessage());
    }
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
      checks.partition(get.partition());
    } catch (IllegalArgumentException e) {
      return new ReplicaGetReply(ReplicaStatus.REJECTED, StoredObject.empty(), e.getMessage());
    }
    try {
      return ReplicaGetReply.ok(reads.read(get.partition(), get.key()));
    } catch (StorageException e) {
      return new ReplicaGetReply(ReplicaStatus.REJECTED, StoredObject.empty(), e.getMessage());
    }
  }
}
