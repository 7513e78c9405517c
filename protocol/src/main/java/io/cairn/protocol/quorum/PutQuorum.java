package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The quorum logic of a put, as a pure state machine (riak_kv's put_core): it is told which targets
 * acknowledged or failed, and when the deadline passed, and says when the put is decided.
 *
 * <p>The coordinator has already applied the write to its own replica when the quorum starts (its
 * own acknowledgement counts), so once anything went out a put can never be reported as a plain
 * failure: it either reaches {@code w} acknowledgements, {@code pw} of them from primaries, or it is
 * {@link Outcome#INDETERMINATE} — it may have applied and will propagate (anchors.md row 10).
 */
public final class PutQuorum {

  /** What the client is told. */
  public enum Outcome {
    PENDING,
    OK,
    INDETERMINATE
  }

  private final Map<NodeId, ReplicaTarget> targets = new HashMap<>();
  private final Map<NodeId, Boolean> answered = new HashMap<>();
  private final int w;
  private final int pw;
  private int acks;
  private int primaryAcks;
  private Outcome outcome = Outcome.PENDING;

  /**
   * @param targets the nodes the write is sent to (the coordinator included)
   * @param w acknowledgements needed
   * @param pw acknowledgements needed from primaries (fallbacks never count)
   */
  public PutQuorum(List<ReplicaTarget> targets, int w, int pw) {
    for (ReplicaTarget t : targets) {
      if (this.targets.put(t.node(), t) != null) {
        throw new IllegalArgumentException("node " + t.node() + " is targeted twice");
      }
    }
    if (w < 1 || w > targets.size()) {
      throw new IllegalArgumentException("w=" + w + " must be between 1 and the " + targets.size() + " targets");
    }
    long primaries = targets.stream().filter(ReplicaTarget::isPrimary).count();
    if (pw < 0 || pw > w) {
      throw new IllegalArgumentException("pw=" + pw + " must be between 0 and w=" + w);
    }
    if (pw > primaries) {
      throw new IllegalArgumentException("pw=" + pw + " but only " + primaries + " primaries are reachable");
    }
    this.w = w;
    this.pw = pw;
  }

  /** {@code node} stored the write. */
  public Outcome onAck(NodeId node) {
    if (record(node, true)) {
      acks++;
      if (targets.get(node).isPrimary()) {
        primaryAcks++;
      }
    }
    return decide(false);
  }

  /** {@code node} refused or could not be reached. */
  public Outcome onFailure(NodeId node) {
    record(node, false);
    return decide(false);
  }

  /** The request's deadline passed. */
  public Outcome onTimeout() {
    return decide(true);
  }

  public Outcome outcome() {
    return outcome;
  }

  public int acks() {
    return acks;
  }

  public int primaryAcks() {
    return primaryAcks;
  }

  /** A sentence for the client when the outcome is indeterminate. */
  public String describe() {
    return acks + " of " + w + " required acknowledgements (" + primaryAcks + " of " + pw
        + " from primaries) from " + targets.size() + " targets";
  }

  private boolean record(NodeId node, boolean ok) {
    Objects.requireNonNull(node, "node");
    if (!targets.containsKey(node)) {
      throw new IllegalArgumentException(node + " is not a target of this put");
    }
    return answered.putIfAbsent(node, ok) == null; // duplicates (retries, late copies) count once
  }

  private Outcome decide(boolean deadline) {
    if (outcome != Outcome.PENDING) {
      return outcome; // decided once; later replies only feed metrics
    }
    if (acks >= w && primaryAcks >= pw) {
      outcome = Outcome.OK;
    } else if (deadline || answered.size() == targets.size() || !reachable()) {
      outcome = Outcome.INDETERMINATE;
    }
    return outcome;
  }

  /** Whether the replies still missing could complete the quorum. */
  private boolean reachable() {
    int pending = targets.size() - answered.size();
    int pendingPrimaries = 0;
    for (ReplicaTarget t : targets.values()) {
      if (t.isPrimary() && !answered.containsKey(t.node())) {
        pendingPrimaries++;
      }
    }
    return acks + pending >= w && primaryAcks + pendingPrimaries >= pw;
  }
}
