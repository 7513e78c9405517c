package io.cairn.node.cluster;

import io.cairn.protocol.ring.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * The phi accrual failure detector (Hayashibara et al.), as used by Cassandra and Akka: instead of a
 * yes/no timeout it gives a suspicion level phi = -log10(P(a heartbeat arrives later than now)),
 * estimated from a sliding window of each peer's heartbeat inter-arrival times (normal
 * distribution). phi = 8 means a one-in-10^8 chance that the peer is merely slow.
 *
 * <p>As in Cassandra, an inter-arrival time above {@code maxIntervalMillis} is never learned: a
 * silence that long means the peer was down or cut off, not that its heartbeats are slow. Learning
 * it (one 30 s sample among a few hundred of 0.5 s) inflates the mean and deviation so much that the
 * next partition takes many seconds to detect. Instead such a silence restarts the peer's history,
 * as if it were new.
 *
 * <p>Time is a parameter (milliseconds from any monotonic source), so the simulator can drive it.
 * Not thread-safe: owned by one event loop.
 */
public final class PhiAccrualDetector {

  private final double threshold;
  private final int windowSize;
  private final double minStdDevMillis;
  private final double firstIntervalMillis;
  private final double maxIntervalMillis;
  private final Map<NodeId, Window> windows = new HashMap<>();

  /**
   * @param threshold phi above which a peer counts as unavailable (8 is a common choice)
   * @param windowSize inter-arrival samples kept per peer
   * @param minStdDevMillis floor for the estimated deviation, so a very regular peer is not
   *     suspected after one slightly late beat
   * @param expectedIntervalMillis the heartbeat interval, used to seed a new peer's window
   */
  public PhiAccrualDetector(double threshold, int windowSize, double minStdDevMillis, double expectedIntervalMillis) {
    this(threshold, windowSize, minStdDevMillis, expectedIntervalMillis,
        defaultMaxIntervalMillis(expectedIntervalMillis));
  }

  /**
   * @param maxIntervalMillis the longest inter-arrival time that is learned; a longer silence
   *     restarts the peer's history. Must exceed {@code expectedIntervalMillis}.
   */
  public PhiAccrualDetector(double threshold, int windowSize, double minStdDevMillis, double expectedIntervalMillis,
      double maxIntervalMillis) {
    if (threshold <= 0 || windowSize < 2 || minStdDevMillis <= 0 || expectedIntervalMillis <= 0) {
      throw new IllegalArgumentException("phi detector parameters must be positive (window >= 2)");
    }
    if (!(maxIntervalMillis > expectedIntervalMillis)) {
      throw new IllegalArgumentException("max interval " + maxIntervalMillis
          + " ms must exceed the expected interval " + expectedIntervalMillis + " ms");
    }
    this.threshold = threshold;
    this.windowSize = windowSize;
    this.minStdDevMillis = minStdDevMillis;
    this.firstIntervalMillis = expectedIntervalMillis;
    this.maxIntervalMillis = maxIntervalMillis;
  }

  /**
   * The bound used when none is given: twice the heartbeat interval, and at least 2 s (Cassandra's
   * bound at its 1 s gossip interval). A peer normally shows life about twice per interval (its
   * beat and the answer to ours), so two intervals of silence is far past any sane jitter, and
   * long after phi has already convicted it.
   */
  public static long defaultMaxIntervalMillis(double heartbeatIntervalMillis) {
    return Math.max(2_000L, (long) Math.ceil(2 * heartbeatIntervalMillis));
  }

  /** Records a heartbeat from {@code peer} received at {@code nowMillis}. */
  public void heartbeat(NodeId peer, long nowMillis) {
    Window w = windows.computeIfAbsent(peer, p -> new Window(windowSize));
    long gap = nowMillis - w.last;
    if (w.last >= 0 && gap <= maxIntervalMillis) {
      w.add(Math.max(0, gap));
    } else {
      // a new peer, or one back from a silence too long to be jitter: start over, seeded with the
      // expected interval so the first real gap is judged against something sane
      w.clear();
      w.add(firstIntervalMillis);
    }
    w.last = nowMillis;
  }

  /** The suspicion level of {@code peer} at {@code nowMillis}; 0 for a peer never heard from. */
  public double phi(NodeId peer, long nowMillis) {
    Window w = windows.get(peer);
    if (w == null || w.last < 0) {
      return 0.0;
    }
    double elapsed = nowMillis - w.last;
    double mean = w.mean();
    double std = Math.max(w.stdDev(), minStdDevMillis);
    double y = (elapsed - mean) / std;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y)); // logistic approximation of the normal CDF
    double pLater = elapsed > mean ? e / (1.0 + e) : 1.0 - 1.0 / (1.0 + e);
    return -Math.log10(Math.max(pLater, 1e-300));
  }

  /**
   * Whether {@code peer} is considered up. A peer never heard from counts as up: the transport's
   * own failures catch a peer that was never reachable, and a fresh cluster must not start out
   * believing everyone is down.
   */
  public boolean isAvailable(NodeId peer, long nowMillis) {
    return phi(peer, nowMillis) < threshold;
  }

  /** Forgets a peer (it left the cluster). */
  public void remove(NodeId peer) {
    windows.remove(peer);
  }

  /** A fixed-size ring buffer of intervals with running sums. */
  private static final class Window {
    final double[] samples;
    int count;
    int next;
    double sum;
    double sumSquares;
    long last = -1;

    Window(int size) {
      samples = new double[size];
    }

    void add(double interval) {
      if (count == samples.length) {
        double old = samples[next];
        sum -= old;
        sumSquares -= old * old;
      } else {
        count++;
      }
      samples[next] = interval;
      next = (next + 1) % samples.length;
      sum += interval;
      sumSquares += interval * interval;
    }

    void clear() {
      count = 0;
      next = 0;
      sum = 0;
      sumSquares = 0;
    }

    double mean() {
      return sum / count;
    }

    double stdDev() {
      double m = mean();
      return Math.sqrt(Math.max(0, sumSquares / count - m * m));
    }
  }
}
