package io.cairn.node.coordinator;

import io.cairn.node.core.Scheduler;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.quorum.GetQuorum;
import io.cairn.protocol.quorum.ReplicaTarget;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.storage.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinated get: asks the reachable primaries, answers after {@code r} replies with their
 * merge, and keeps listening until every replica answered or the linger period after the deadline
 * ran out; then it read-repairs every replica whose copy the merge supersedes — including replicas
 * that answered after the client was served.
 */
final class GetCoordination {

  private static final Logger log = LoggerFactory.getLogger(GetCoordination.class);

  private final NodeId self;
  private final ReplicaStore store;
  private final Transport transport;
  private final Scheduler scheduler;
  private final int partition;
  private final BucketKey key;
  private final ConflictMode mode;
  private final Duration timeout;
  private final Duration linger;
  private final CompletableFuture<GetResult> result = new CompletableFuture<>();
  private GetQuorum quorum;
  private boolean repaired;

  GetCoordination(NodeId self, ReplicaStore store, Transport transport, Scheduler scheduler, int partition,
      BucketKey key, ConflictMode mode, Duration timeout, Duration linger) {
    this.self = self;
    this.store = store;
    this.transport = transport;
    this.scheduler = scheduler;
    this.partition = partition;
    this.key = key;
    this.mode = mode;
    this.timeout = timeout;
    this.linger = linger;
  }

  CompletableFuture<GetResult> run(List<NodeId> primaries, int r, int pr) {
    if (primaries.size() < r || primaries.size() < pr) {
      result.complete(new GetResult(QuorumOutcome.FAILED, StoredObject.empty(),
          "not enough replicas reachable: " + primaries.size() + " primaries for r=" + r + ", pr=" + pr));
      return result;
    }
    quorum = new GetQuorum(primaries.stream().map(ReplicaTarget::primary).toList(), r, pr, mode);
    // the local copy first: a get that needs no other node (n=1) is decided here, without timers
    List<NodeId> remote = new java.util.ArrayList<>(primaries.size());
    for (NodeId node : primaries) {
      if (!node.equals(self)) {
        remote.add(node);
        continue;
      }
      StoredObject local;
      try {
        local = store.get(partition, key);
      } catch (StorageException e) {
        onEvent(q -> q.onFailure(self));
        continue;
      }
      onEvent(q -> q.onReply(self, local));
    }
    if (remote.isEmpty()) {
      return result; // every target answered: decided, and repaired if it had to be
    }
    Scheduler.Cancellable deadline = scheduler.schedule(timeout, () -> onEvent(GetQuorum::onTimeout));
    Scheduler.Cancellable lingerEnd = scheduler.schedule(timeout.plus(linger), this::repair);
    result.whenComplete((ok, e) -> deadline.cancel());
    for (NodeId node : remote) {
      transport.request(node, new ReplicaGet(partition, key), timeout).whenComplete((reply, error) -> {
        if (error == null && reply instanceof ReplicaGetReply g && g.status() == ReplicaStatus.OK) {
          onEvent(q -> q.onReply(node, g.object()));
        } else {
          onEvent(q -> q.onFailure(node));
        }
        synchronized (this) {
          if (quorum.complete()) {
            lingerEnd.cancel();
          }
        }
      });
    }
    return result;
  }

  private void onEvent(java.util.function.Function<GetQuorum, GetQuorum.Outcome> event) {
    GetQuorum.Outcome outcome;
    StoredObject merged;
    String detail;
    boolean complete;
    synchronized (this) {
      outcome = event.apply(quorum);
      merged = quorum.merged();
      detail = outcome == GetQuorum.Outcome.UNAVAILABLE ? quorum.describe() : ""; // text only when reported
      complete = quorum.complete();
    }
    if (outcome == GetQuorum.Outcome.OK) {
      boolean absent = merged.isEmpty() || merged.isDeleted();
      result.complete(new GetResult(absent ? QuorumOutcome.NOT_FOUND : QuorumOutcome.OK, merged, ""));
    } else if (outcome == GetQuorum.Outcome.UNAVAILABLE) {
      result.complete(new GetResult(QuorumOutcome.FAILED, merged, detail));
    }
    if (complete) {
      repair();
    }
  }

  /** Sends the merged object to every stale replica, once. */
  private void repair() {
    List<NodeId> stale;
    StoredObject merged;
    synchronized (this) {
      if (repaired) {
        return;
      }
      repaired = true;
      stale = quorum.staleReplicas();
      merged = quorum.merged();
    }
    for (NodeId node : stale) {
      if (node.equals(self)) {
        try {
          store.merge(partition, key, merged, mode);
        } catch (StorageException e) {
          log.warn("read repair of the local copy of {} failed: {}", key, e.getMessage());
        }
      } else {
        transport.request(node, new ReplicaPut(partition, key, merged, mode, Optional.empty()), timeout)
            .whenComplete((reply, error) -> {
              if (error != null) {
                log.debug("read repair of {} on {} failed: {}", key, node, error.getMessage());
              }
            });
      }
    }
  }
}
