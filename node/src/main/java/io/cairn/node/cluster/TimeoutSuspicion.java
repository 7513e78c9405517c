package io.cairn.node.cluster;

import io.cairn.protocol.ring.NodeId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reachability that also stops routing to a peer whose requests keep timing out, before the failure
 * detector convicts it. Heartbeats can go on arriving for a while after requests stop being
 * answered (a partition just starting, a peer stalled behind its event loop or disk), and every
 * request routed to such a peer meanwhile waits out its full timeout.
 *
 * <p>After {@code timeoutsToSuspect} consecutive timeouts a peer is suspected: {@link
 * #isReachable} says no until a reply or a heartbeat from it arrives, or until the probation period
 * has passed since the last timeout, so that a peer no traffic goes to is still retried. A timeout
 * after probation suspects it again at once (its streak is only reset by a reply). Whatever this
 * class says, a peer the wrapped detector holds down stays down.
 *
 * <p>Thread-safe: outcomes are reported from several event loops. Time comes from the injected
 * monotonic clock.
 */
public final class TimeoutSuspicion implements Reachability {

  private final Reachability detector;
  private final int timeoutsToSuspect;
  private final long probationMillis;
  private final LongSupplier monotonicMillis;
  /** Peers with at least one timeout since their last reply; absent means in good standing. */
  private final ConcurrentHashMap<NodeId, Streak> streaks = new ConcurrentHashMap<>();

  /**
   * @param detector the verdict this refines, normally the {@link FailureDetector}
   * @param timeoutsToSuspect consecutive timeouts after which a peer is suspected (at least 1)
   * @param probation how long a suspicion lasts without news of the peer
   * @param monotonicMillis a monotonic clock in milliseconds
   */
  public TimeoutSuspicion(Reachability detector, int timeoutsToSuspect, Duration probation,
      LongSupplier monotonicMillis) {
    if (timeoutsToSuspect < 1) {
      throw new IllegalArgumentException("timeoutsToSuspect must be at least 1, got " + timeoutsToSuspect);
    }
    if (probation.isNegative() || probation.isZero()) {
      throw new IllegalArgumentException("probation must be positive, got " + probation);
    }
    this.detector = Objects.requireNonNull(detector, "detector");
    this.timeoutsToSuspect = timeoutsToSuspect;
    this.probationMillis = probation.toMillis();
    this.monotonicMillis = Objects.requireNonNull(monotonicMillis, "monotonicMillis");
  }

  /** A request to {@code peer} got no reply within its timeout. */
  public void onTimeout(NodeId peer) {
    long now = monotonicMillis.getAsLong();
    // capped: past the threshold only "suspected" matters, and an endless streak must not overflow
    streaks.compute(peer, (p, s) -> new Streak(s == null ? 1 : Math.min(s.timeouts + 1, timeoutsToSuspect), now));
  }

  /** {@code peer} answered a request: it is responsive, whatever came before. */
  public void onReply(NodeId peer) {
    streaks.remove(peer);
  }

  /** A heartbeat from {@code peer} arrived (or one of ours was answered). */
  public void onHeartbeat(NodeId peer) {
    streaks.remove(peer);
  }

  /** Whether {@code peer} is currently held unreachable for its timeouts (the detector aside). */
  public boolean isSuspected(NodeId peer) {
    Streak s = streaks.get(peer);
    return s != null && s.timeouts >= timeoutsToSuspect
        && monotonicMillis.getAsLong() - s.lastTimeoutMillis < probationMillis;
  }

  @Override
  public boolean isReachable(NodeId node) {
    return !isSuspected(node) && detector.isReachable(node);
  }

  /** Timeouts in a row since the last reply, and when the latest of them was seen. */
  private record Streak(int timeouts, long lastTimeoutMillis) {}
}
