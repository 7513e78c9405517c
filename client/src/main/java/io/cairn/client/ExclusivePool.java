package io.cairn.client;

import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link CairnBinaryClient.ConnectionMode#EXCLUSIVE}: idle {@link ExclusiveConnection}s per node; a
 * request takes one (or opens one), uses it alone and gives it back, so a node gets as many
 * connections as it has concurrent callers. Nodes are taken in turn and skipped for a back-off
 * period after refusing a connection, as in {@link ConnectionPool}.
 *
 * <p>A watchdog thread closes connections whose caller waited past its deadline, every {@link
 * #WATCH_MILLIS} ms, so a request times out within that much of its timeout.
 */
final class ExclusivePool implements RequestPath {

  static final long WATCH_MILLIS = 20;

  private final HostRotation hosts;
  private final WireCodec codec;
  private final Duration connectTimeout;
  private final Deque<ExclusiveConnection>[] idle;
  private final Set<ExclusiveConnection> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog;
  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  ExclusivePool(List<InetSocketAddress> hosts, WireCodec codec, Duration connectTimeout, Duration reconnectBackoff) {
    this.hosts = new HostRotation(hosts, reconnectBackoff);
    this.codec = codec;
    this.connectTimeout = connectTimeout;
    this.idle = new Deque[hosts.size()];
    for (int i = 0; i < idle.length; i++) {
      idle[i] = new ConcurrentLinkedDeque<>();
    }
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cairn-client-deadlines");
      t.setDaemon(true);
      return t;
    });
    watchdog.scheduleWithFixedDelay(this::expireLate, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public WireMessage call(WireMessage request, Duration timeout) {
    ExclusiveConnection c = take();
    try {
      return c.call(request, timeout);
    } finally {
      giveBack(c);
    }
  }

  /** An idle connection to the next node in turn, or a new one; the caller has it alone. */
  private ExclusiveConnection take() {
    if (closed) {
      throw new NotAppliedException(0, "client closed", null);
    }
    int start = hosts.nextStart(hosts.size());
    NotAppliedException lastFailure = null;
    for (int i = 0; i < hosts.size(); i++) {
      int host = (start + i) % hosts.size();
      ExclusiveConnection c;
      while ((c = idle[host].pollFirst()) != null) { // most recently used first: its buffers are warm
        if (c.isOpen()) {
          return c;
        }
        open.remove(c);
      }
      if (hosts.isBackingOff(host)) {
        continue;
      }
      try {
        c = ExclusiveConnection.open(hosts.address(host), host, codec, connectTimeout, open::add);
        hosts.connected(host);
        return c;
      } catch (NotAppliedException e) {
        hosts.refused(host);
        lastFailure = e;
      }
    }
    throw hosts.noneReachable(lastFailure);
  }

  private void giveBack(ExclusiveConnection c) {
    if (!c.isOpen() || closed) {
      c.close("not kept");
      open.remove(c);
      return;
    }
    // never more idle than the most callers this node had at once: no bound needed
    idle[c.host()].offerFirst(c);
    if (closed) { // closed meanwhile: close() may have missed it
      c.close("client closed");
    }
  }

  private void expireLate() {
    long now = System.nanoTime();
    for (ExclusiveConnection c : open) {
      c.expireIfLate(now);
    }
    open.removeIf(c -> !c.isOpen()); // e.g. a failed handshake's, which never reached the idle lists
  }

  @Override
  public void close() {
    closed = true;
    watchdog.shutdownNow();
    for (ExclusiveConnection c : open) {
      c.close("client closed");
    }
    open.clear();
  }
}
