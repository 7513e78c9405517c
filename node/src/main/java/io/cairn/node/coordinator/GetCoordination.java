package io.cairn.node.coordinator;

import io.cairn.node.core.Scheduler;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.LocalReads;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.quorum.GetQuorum;
import io.cairn.protocol.quorum.ReadPlan;
import io.cairn.protocol.quorum.ReplicaTarget;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.StorageException;
import io.cairn.storage.hint.HintStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinated get: asks the targets of its {@link ReadPlan} (primaries, and fallbacks in place of
 * unreachable ones, each answering with its replica and the hints it keeps) and, after {@code r}
 * replies, answers with their merge.
 *
 * <p>Read repair blocks when the replies disagree: before the client sees the merge, every replier
 * whose copy it supersedes is sent the merged object and must acknowledge it (a stale fallback gets
 * it as a hint for the primary it stands in for). So whatever a read returned is held by at least
 * {@code r} nodes: a value that one coordinator had applied but not yet replicated — a write still
 * indeterminate — cannot be read and then vanish with that one node's disk (Cassandra blocks its
 * read repair for the same reason). If the repair is not acknowledged by the deadline the read is
 * unavailable, never answered with a value only one node holds. Agreeing replies cost nothing
 * extra. The coordination then keeps listening until every target answered or the linger period
 * after the deadline ran out, and repairs the late repliers too.
 */
final class GetCoordination {

  private static final Logger log = LoggerFactory.getLogger(GetCoordination.class);

  private final NodeId self;
  private final LocalReads reads;
  private final ReplicaStore store;
  private final HintStore hints;
  private final WireCodec codec;
  private final Transport transport;
  private final Scheduler scheduler;
  private final Executor background;
  private final BucketKey key;
  private final ConflictMode mode;
  private final Duration timeout;
  private final Duration linger;
  private final CompletableFuture<GetResult> result = new CompletableFuture<>();
  private int partition;
  private GetQuorum quorum;
  private boolean repaired;
  /** Targets sent the object the client is answered with, before the answer: skipped by the late repair. */
  private final List<NodeId> repairedBeforeAnswer = new ArrayList<>();
  /** The merge the client is answered with, once the quorum met (null before). */
  private StoredObject answeredWith;

  GetCoordination(NodeId self, LocalReads reads, ReplicaStore store, HintStore hints, WireCodec codec, Transport transport,
      Scheduler scheduler, Executor background, BucketKey key, ConflictMode mode, Duration timeout, Duration linger) {
    this.self = self;
    this.reads = reads;
    this.store = store;
    this.hints = hints;
    this.codec = codec;
    this.transport = transport;
    this.scheduler = scheduler;
    this.background = background;
    this.key = key;
    this.mode = mode;
    this.timeout = timeout;
    this.linger = linger;
  }

  CompletableFuture<GetResult> run(ReadPlan plan, int r, int pr) {
    partition = plan.partition();
    if (!plan.canMeet(r, pr)) {
      result.complete(new GetResult(QuorumOutcome.FAILED, StoredObject.empty(), plan.describeShortfall(r, pr)));
      return result;
    }
    quorum = new GetQuorum(plan.targets(), r, pr, mode);
    // the local copy first: a get that needs no other node (n=1) is decided here, without timers
    List<NodeId> remote = new ArrayList<>(plan.targets().size());
    for (ReplicaTarget target : plan.targets()) {
      NodeId node = target.node();
      if (!node.equals(self)) {
        remote.add(node);
        continue;
      }
      StoredObject local;
      try {
        local = reads.read(partition, key);
      } catch (StorageException e) {
        onEvent(q -> q.onFailure(self));
        continue;
      }
      onEvent(q -> q.onReply(self, local));
    }
    if (remote.isEmpty()) {
      return result; // every target answered: decided, and repaired if it had to be
    }
    Scheduler.Cancellable deadline = scheduler.schedule(timeout, this::onDeadline);
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

  private void onEvent(Function<GetQuorum, GetQuorum.Outcome> event) {
    GetQuorum.Outcome outcome;
    StoredObject merged;
    String detail;
    boolean complete;
    List<ReplicaTarget> staleRepliers = List.of();
    boolean answerNow = false;
    synchronized (this) {
      outcome = event.apply(quorum);
      merged = quorum.merged();
      detail = outcome == GetQuorum.Outcome.UNAVAILABLE ? quorum.describe() : ""; // text only when reported
      complete = quorum.complete();
      if (outcome == GetQuorum.Outcome.OK && answeredWith == null) {
        answeredWith = merged;
        answerNow = true;
        staleRepliers = quorum.staleTargets();
        staleRepliers.forEach(t -> repairedBeforeAnswer.add(t.node()));
      }
    }
    if (answerNow) {
      answer(merged, staleRepliers);
    } else if (outcome == GetQuorum.Outcome.UNAVAILABLE) {
      result.complete(new GetResult(QuorumOutcome.FAILED, merged, detail));
    }
    if (complete) {
      repair();
    }
  }

  /** Answers with {@code merged} once every replier it supersedes acknowledged a copy of it. */
  private void answer(StoredObject merged, List<ReplicaTarget> staleRepliers) {
    boolean absent = merged.isEmpty() || merged.isDeleted();
    GetResult ok = new GetResult(absent ? QuorumOutcome.NOT_FOUND : QuorumOutcome.OK, merged, "");
    List<ReplicaTarget> remote = new ArrayList<>();
    for (ReplicaTarget target : staleRepliers) {
      if (!target.node().equals(self)) {
        remote.add(target);
      } else if (!repairHere(target, merged)) {
        result.complete(new GetResult(QuorumOutcome.FAILED, merged, "read repair of this node's copy failed"));
        return;
      }
    }
    if (remote.isEmpty()) {
      result.complete(ok);
      return;
    }
    int[] waiting = {remote.size()};
    for (ReplicaTarget target : remote) {
      transport.request(target.node(), new ReplicaPut(partition, key, merged, mode, target.hintFor()), timeout)
          .whenComplete((reply, error) -> {
            if (error == null && reply instanceof ReplicaPutReply r && r.status() == ReplicaStatus.OK) {
              boolean last;
              synchronized (this) {
                last = --waiting[0] == 0;
              }
              if (last) {
                result.complete(ok);
              }
            } else {
              result.complete(new GetResult(QuorumOutcome.FAILED, merged, "read repair of " + target.node()
                  + " failed: " + (error != null ? error.getMessage() : reply)));
            }
          });
    }
  }

  private void onDeadline() {
    onEvent(GetQuorum::onTimeout);
    // answered by the quorum, but the blocking read repair is still unacknowledged
    result.complete(new GetResult(QuorumOutcome.FAILED, StoredObject.empty(),
        "read repair not acknowledged within " + timeout.toMillis() + " ms"));
  }

  /** Sends the merged object to every stale target, once: as a replica copy, or as a hint for a fallback. */
  private void repair() {
    List<ReplicaTarget> stale;
    StoredObject merged;
    synchronized (this) {
      if (repaired) {
        return;
      }
      repaired = true;
      stale = quorum.staleTargets();
      merged = quorum.merged();
      if (answeredWith != null) {
        // those repaired before the answer hold it already, unless a late reply grew the merge
        boolean grew = !merged.equals(answeredWith);
        stale = stale.stream().filter(t -> grew || !repairedBeforeAnswer.contains(t.node())).toList();
      }
    }
    for (ReplicaTarget target : stale) {
      if (target.node().equals(self)) {
        if (target.hintFor().isEmpty() && store.engine().writeMayBlock(partition)) {
          background.execute(() -> repairHere(target, merged)); // creating the map: not on an event loop
        } else {
          repairHere(target, merged);
        }
      } else {
        transport.request(target.node(), new ReplicaPut(partition, key, merged, mode, target.hintFor()), timeout)
            .whenComplete((reply, error) -> {
              if (error != null) {
                log.debug("read repair of {} on {} failed: {}", key, target.node(), error.getMessage());
              }
            });
      }
    }
  }

  private boolean repairHere(ReplicaTarget target, StoredObject merged) {
    try {
      if (target.hintFor().isPresent()) {
        hints.add(target.hintFor().get(), partition, key, codec.encode(merged));
      } else {
        store.merge(partition, key, merged, mode);
      }
      return true;
    } catch (StorageException e) {
      log.warn("read repair of the local copy of {} failed: {}", key, e.getMessage());
      return false;
    }
  }
}
