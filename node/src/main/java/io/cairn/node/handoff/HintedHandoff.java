package io.cairn.node.handoff;

import io.cairn.node.cluster.Reachability;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.net.Transport;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.hint.Hint;
import io.cairn.storage.hint.HintStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers hints to their primaries once those are reachable again, and deletes each hint only when
 * the primary acknowledged it — and only if no newer write was merged into the hint meanwhile
 * (compare-and-remove), so nothing is dropped between delivery and deletion.
 *
 * <p>Call {@link #deliverRound()} periodically (the node schedules it); one round sends up to a
 * batch per reachable target and never overlaps with the previous one.
 */
public final class HintedHandoff {

  private static final Logger log = LoggerFactory.getLogger(HintedHandoff.class);

  private final HintStore hints;
  private final Transport transport;
  private final Reachability reachability;
  private final BucketRegistry buckets;
  private final WireCodec codec;
  private final int batchSize;
  private final Duration timeout;
  private final AtomicBoolean running = new AtomicBoolean();

  public HintedHandoff(HintStore hints, Transport transport, Reachability reachability, BucketRegistry buckets,
      WireCodec codec, int batchSize, Duration timeout) {
    this.hints = hints;
    this.transport = transport;
    this.reachability = reachability;
    this.buckets = buckets;
    this.codec = codec;
    this.batchSize = batchSize;
    this.timeout = timeout;
  }

  /** One delivery round; completes with the number of hints delivered and deleted. */
  public CompletableFuture<Integer> deliverRound() {
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(0);
    }
    CompletableFuture<Integer> total = CompletableFuture.completedFuture(0);
    for (NodeId target : hints.targets()) {
      if (!reachability.isReachable(target)) {
        continue;
      }
      List<Hint> batch = hints.forTarget(target, batchSize);
      for (Hint hint : batch) {
        total = total.thenCombine(deliver(hint), Integer::sum);
      }
    }
    return total.whenComplete((n, e) -> running.set(false));
  }

  private CompletableFuture<Integer> deliver(Hint hint) {
    StoredObject object = codec.decode(hint.object(), StoredObject.class);
    ReplicaPut put = new ReplicaPut(hint.partition(), hint.key(), object,
        buckets.props(hint.key().bucket()).conflictMode(), Optional.empty());
    return transport.request(hint.target(), put, timeout).handle((reply, error) -> {
      if (error == null && reply instanceof ReplicaPutReply r && r.status() == ReplicaStatus.OK) {
        return hints.remove(hint) ? 1 : 0; // false: a newer write was merged in; next round sends it
      }
      log.debug("hint for {} on {} not delivered: {}", hint.key(), hint.target(),
          error != null ? error.getMessage() : reply);
      return 0;
    });
  }
}
