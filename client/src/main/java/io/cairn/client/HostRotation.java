package io.cairn.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The nodes a binary client talks to, taken in turn so that consecutive requests go to different
 * nodes, with a node that refused a connection skipped for a back-off period. Shared by both
 * connection modes ({@link ConnectionPool}, {@link ExclusivePool}).
 */
final class HostRotation {

  private final List<InetSocketAddress> hosts;
  private final Duration backoff;
  private final AtomicLongArray downUntil; // System.nanoTime() deadline per host; 0 = up
  private final AtomicInteger next = new AtomicInteger();

  HostRotation(List<InetSocketAddress> hosts, Duration backoff) {
    this.hosts = List.copyOf(hosts);
    this.backoff = backoff;
    this.downUntil = new AtomicLongArray(hosts.size());
  }

  int size() {
    return hosts.size();
  }

  InetSocketAddress address(int host) {
    return hosts.get(host);
  }

  /** Where the next request starts looking: advances by one on every call. */
  int nextStart(int modulo) {
    return Math.floorMod(next.getAndIncrement(), modulo);
  }

  /** Whether the host refused a connection less than the back-off period ago. */
  boolean isBackingOff(int host) {
    long until = downUntil.get(host);
    return until != 0 && System.nanoTime() - until < 0;
  }

  void refused(int host) {
    downUntil.set(host, System.nanoTime() + backoff.toNanos());
  }

  void connected(int host) {
    downUntil.set(host, 0);
  }

  /** What a request gets when no node could be connected to: the last failure, or this. */
  NotAppliedException noneReachable(NotAppliedException last) {
    return last != null ? last
        : new NotAppliedException(0, "no node reachable; retrying each after " + backoff.toMillis()
            + " ms (nodes " + hosts + ")", null);
  }
}
