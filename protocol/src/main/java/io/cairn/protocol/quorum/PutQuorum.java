package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import java.util.List;

/**
 * The quorum logic of a put, as a pure state machine (riak_kv's put_core): it is told which targets
 * acknowledged or failed, and when the deadline passed, and says when the put is decided.
 *
 * <p>The coordinator has already applied the write to its own replica when the quorum starts (its
 * own acknowledgement counts), so once anything went out a put can never be reported as a plain
 * failure: it either reaches {@code w} acknowledgements, {@code pw} of them from primaries, or it is
 * {@link Outcome#INDETERMINATE} — it may have applied and will propagate (a timeout is ambiguous: calling it a failure
 * invites a retry that applies the write twice).
 */
public final class PutQuorum {

  /** What the client is told. */
  public enum Outcome {
    PENDING,
    OK,
    INDETERMINATE
  }

  private final ReplyTally tally;
  private final int w;
  private final int pw;
  private Outcome outcome = Outcome.PENDING;

  /**
   * @param targets the nodes the write is sent to (the coordinator included)
   * @param w acknowledgements needed
   * @param pw acknowledgements needed from primaries (fallbacks never count)
   */
  public PutQuorum(List<ReplicaTarget> targets, int w, int pw) {
    this.tally = new ReplyTally(targets, "put");
    tally.checkQuorum("w", w, "pw", pw);
    this.w = w;
    this.pw = pw;
  }

  /** {@code node} stored the write. */
  public Outcome onAck(NodeId node) {
    tally.record(node, true);
    return decide(false);
  }

  /** {@code node} refused or could not be reached. */
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

  public int acks() {
    return tally.successes();
  }

  public int primaryAcks() {
    return tally.primarySuccesses();
  }

  /** A sentence for the client when the outcome is indeterminate. */
  public String describe() {
    return acks() + " of " + w + " required acknowledgements (" + primaryAcks() + " of " + pw
        + " from primaries) from " + tally.size() + " targets";
  }

  private Outcome decide(boolean deadline) {
    if (outcome != Outcome.PENDING) {
      return outcome; // decided once; later replies only feed metrics
    }
    if (tally.met(w, pw)) {
      outcome = Outcome.OK;
    } else if (deadline || tally.complete() || !tally.canStillReach(w, pw)) {
      outcome = Outcome.INDETERMINATE;
    }
    return outcome;
  }
}
