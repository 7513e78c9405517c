package io.cairn.node.adapter.vertx;

import io.cairn.node.core.Metrics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What one listening port shares among its accepted connections to bound what strangers can make
 * it hold: a cap on open connections, the budget of bytes in unfinished frames, a timeout for a
 * frame that stops arriving, and the metrics that show each refusal. Refusals are logged at most
 * once per {@link #LOG_EVERY_NANOS} with a count, so that a flood of connections does not also
 * flood the log.
 *
 * <p>Metrics, under {@code prefix} (e.g. {@code cairn.binary}): gauges {@code .connections} and
 * {@code .buffered-bytes}; counters {@code .connections.refused}, {@code .frames.over-budget} and
 * {@code .frames.timed-out}.
 */
final class PortGuard {

  static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  final InboundBudget budget;
  final LongSupplier nanos;
  private final String setting; // the settings' prefix, named in log lines and refusals
  private final int maxConnections;
  private final long frameTimeoutNanos;
  private final Logger log;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<ServedConnection> connections = ConcurrentHashMap.newKeySet();
  private final Metrics.Counter refused;
  private final Metrics.Counter overBudget;
  private final Metrics.Counter timedOut;
  private final AtomicLong lastRefusalLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong refusedSinceLog = new AtomicLong();

  PortGuard(String prefix, String setting, int maxConnections, long maxBufferedBytes, Duration frameTimeout,
      Metrics metrics, LongSupplier nanos, Logger log) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1");
    }
    if (frameTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("frame timeout must be >= 1 ms");
    }
    this.setting = setting;
    this.maxConnections = maxConnections;
    this.budget = new InboundBudget(maxBufferedBytes);
    this.frameTimeoutNanos = frameTimeout.toNanos();
    this.nanos = nanos;
    this.log = log;
    this.refused = metrics.counter(prefix + ".connections.refused");
    this.overBudget = metrics.counter(prefix + ".frames.over-budget");
    this.timedOut = metrics.counter(prefix + ".frames.timed-out");
    metrics.gauge(prefix + ".connections", open::get);
    metrics.gauge(prefix + ".buffered-bytes", budget::held);
  }

  /** Takes a connection slot, or false (counted and logged) when the port is at its cap. */
  boolean tryOpen(String remote) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.inc();
      refusedSinceLog.incrementAndGet();
      long now = nanos.getAsLong();
      long last = lastRefusalLog.get();
      if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY_NANOS) && lastRefusalLog.compareAndSet(last, now)) {
        log.warn("refusing connections: {} open, the cap of {}.max-connections; {} refused since the last such line"
            + " (latest from {})", maxConnections, setting, refusedSinceLog.getAndSet(0), remote);
      }
      return false;
    }
    return true;
  }

  /** A connection that took a slot is now served. */
  void opened(ServedConnection c) {
    connections.add(c);
  }

  /** A connection that took a slot has closed. */
  void closed(ServedConnection c) {
    if (connections.remove(c)) {
      open.decrementAndGet();
    }
  }

  /** What a refused connection is told. */
  String refusal() {
    return "overloaded: " + maxConnections + " connections open, the cap (" + setting + ".max-connections)";
  }

  int connectionCount() {
    return open.get();
  }

  Set<ServedConnection> connections() {
    return connections;
  }

  /** Closes every connection whose unfinished frame has waited longer than the timeout. */
  void sweep() {
    long now = nanos.getAsLong();
    for (ServedConnection c : connections) {
      long age = c.partialFrameAgeNanos(now);
      if (age > frameTimeoutNanos) {
        timedOut.inc();
        c.abortLater("a frame did not complete within " + frameTimeoutNanos / 1_000_000 + " ms ("
            + setting + ".frame-timeout-ms)");
      }
    }
  }

  /** How often {@link #sweep} should run: often enough to time out within about a quarter of the bound. */
  long sweepMillis() {
    return Math.max(10, Math.min(1000, frameTimeoutNanos / 1_000_000 / 4));
  }

  void overBudget() {
    overBudget.inc();
  }

  String setting() {
    return setting;
  }
}
