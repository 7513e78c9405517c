package io.cairn.protocol.quorum;

import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The quorum logic of a get, as a pure state machine (riak_kv's get_core). Replies are merged as
 * they arrive (DVV sync); the get is answered once {@code r} replicas replied, {@code pr} of them
 * primaries. Replies keep being accepted after that, until every target answered or the deadline:
 * {@link #staleReplicas()} then names every replica whose copy the merge supersedes, for read
 * repair — including replicas that answered after the client was served.
 */
public final class GetQuorum {

  /** What the client is told. */
  public enum Outcome {
    PENDING,
    /** The quorum replied; {@link #merged()} is the answer (possibly empty or deleted: 404). */
    OK,
    /** Not enough replicas replied in time, or too many failed: 503. */
    UNAVAILABLE
  }

  private final ReplyTally tally;
  private final Map<NodeId, StoredObject> replies = new HashMap<>();
  private final int r;
  private final int pr;
  private final ConflictMode mode;
  private StoredObject merged = StoredObject.empty();
  private Outcome outcome = Outcome.PENDING;

  public GetQuorum(List<ReplicaTarget> targets, int r, int pr, ConflictMode mode) {
    this.tally = new ReplyTally(targets, "get");
    tally.checkQuorum("r", r, "pr", pr);
    this.r = r;
    this.pr = pr;
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** {@code node} answered with its copy ({@link StoredObject#empty()} if it has none). */
  public Outcome onReply(NodeId node, StoredObject object) {
    Objects.requireNonNull(object, "object");
    if (tally.record(node, true)) {
      replies.put(node, object);
      merged = merged.merge(object, mode);
    }
    return decide(false);
  }

  /** {@code node} failed or could not be reached. */
  public Outcome onFailure(NodeId node) {
    tally.record(node, false);
    return decide(false);
  }

  /** The request's deadline passed. */
  public Outcome onTimeout() {
    return decide(true);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The merge of every reply so far. */
  public StoredObject merged() {
    return merged;
  }

  /** Whether every target has answered (no more replies to wait for). */
  public boolean complete() {
    return tally.complete();
  }

  public int replies() {
    return replies.size();
  }

  /**
   * Primaries that replied with a copy the merge supersedes (or with nothing, while the merge has
   * something): each should get the merged object.
   */
  public List<NodeId> staleReplicas() {
    return staleTargets().stream().filter(ReplicaTarget::isPrimary).map(ReplicaTarget::node).toList();
  }

  /**
   * Every target whose reply the merge supersedes, fallbacks included: a stale fallback is repaired
   * by a hint for the primary it stands in for, so what a read on one side of a partition merged
   * reaches that primary once it is back.
   */
  public List<ReplicaTarget> staleTargets() {
    List<ReplicaTarget> stale = new ArrayList<>();
    if (merged.isEmpty()) {
      return stale;
    }
    replies.forEach((node, copy) -> {
      if (!copy.descends(merged)) {
        stale.add(tally.target(node));
      }
    });
    stale.sort(Comparator.comparing(ReplicaTarget::node));
    return stale;
  }

  /** A sentence for the client when the outcome is unavailable. */
  public String describe() {
    return replies.size() + " of " + r + " required replicas replied (" + tally.primarySuccesses() + " of " + pr
        + " primaries) out of " + tally.size() + " targets";
  }

  private Outcome decide(boolean deadline) {
    if (outcome != Outcome.PENDING) {
      return outcome;
    }
    if (tally.met(r, pr)) {
      outcome = Outcome.OK;
    } else if (deadline || !tally.canStillReach(r, pr)) {
      outcome = Outcome.UNAVAILABLE;
    }
    return outcome;
  }
}
