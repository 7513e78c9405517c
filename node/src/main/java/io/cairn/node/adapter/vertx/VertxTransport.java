package io.cairn.node.adapter.vertx;

import io.cairn.node.core.Metrics;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internode {@link Transport} over TCP with Vert.x. See docs/internode.md for the protocol.
 *
 * <p><b>Connections and direction.</b> Each node opens at most one connection to each peer, lazily
 * on the first request, and uses it only for its own requests; the peer uses it only for its
 * replies. Requests from the peer arrive on the connection the peer opened. So a frame's meaning
 * follows from the connection it arrives on: on an outbound connection every frame after the
 * peer's Hello is a reply, on an inbound one every frame after the caller's Hello is a request. No
 * bit of the correlation id is spent on it, and a misbehaving peer cannot make us treat a request
 * as a reply. Two nodes that talk both ways therefore hold two TCP connections, which also keeps
 * one side's request stream from delaying the other's.
 *
 * <p><b>Handshake.</b> The first frame on every connection, in both directions, is {@code
 * Hello(self, WireCodec.VERSION, incarnation)} with correlation id 0. The accepting side learns
 * the caller's NodeId from it and closes the connection if anything else comes first or the
 * version differs; the calling side checks the answering Hello names the peer it meant to reach.
 * Requests wait for the answering Hello (one round trip per new connection), so nothing is
 * delivered to a node we did not mean; after that they are pipelined freely.
 *
 * <p><b>Threading.</b> {@link #request} and {@link #close} may be called from any thread. Each
 * peer's {@link OutboundLink} and each {@link InboundConnection} is confined to one Vert.x context
 * (event loop); only the per-peer admission counter and the maps below are shared, and they are
 * concurrent. Futures returned by {@code request} complete on an event loop, so their callbacks
 * must not block.
 *
 * <p><b>Writes</b> are coalesced per connection and event-loop turn by {@link FrameWriter}.
 *
 * <p>Close the transport before the {@code Vertx} it runs on; the Vertx is the caller's.
 */
public final class VertxTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(VertxTransport.class);
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final Vertx vertx;
  private final NodeId self;
  private final WireCodec codec;
  private final TransportOptions options;
  private final Hello hello;
  private final NetClient client;
  private final OutboundLink.LinkEnv linkEnv;
  private final ConcurrentHashMap<NodeId, OutboundLink> links = new ConcurrentHashMap<>();
  private final PortGuard guard;
  private long sweeper = -1;
  private volatile RequestHandler handler;
  private volatile NetServer server;
  private volatile boolean closed;

  /**
   * @param addresses where each peer listens; consulted on every connect attempt, so it may change
   *     as membership changes (an open connection is kept until it fails)
   */
  public VertxTransport(
      Vertx vertx,
      NodeId self,
      long incarnation,
      Function<NodeId, Optional<InetSocketAddress>> addresses,
      WireCodec codec,
      TransportOptions options) {
    this(vertx, self, incarnation, addresses, codec, options, Metrics.counting(), System::nanoTime);
  }

  /** @param metrics where the inbound side's connection and buffer metrics go ({@code cairn.internode.*}) */
  public VertxTransport(
      Vertx vertx,
      NodeId self,
      long incarnation,
      Function<NodeId, Optional<InetSocketAddress>> addresses,
      WireCodec codec,
      TransportOptions options,
      Metrics metrics,
      LongSupplier nanos) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.self = Objects.requireNonNull(self, "self");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.options = Objects.requireNonNull(options, "options");
    Objects.requireNonNull(addresses, "addresses");
    this.hello = new Hello(self, WireCodec.VERSION, incarnation);
    NetClientOptions clientOptions = new NetClientOptions()
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setTcpNoDelay(true) // small request frames must not wait for Nagle; we batch ourselves
        .setIdleTimeout((int) options.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    this.client = vertx.createNetClient(clientOptions);
    this.linkEnv = new OutboundLink.LinkEnv(vertx, client, codec, options, hello, addresses);
    this.guard = new PortGuard("cairn.internode", "internode", options.maxConnections(), options.maxBufferedBytes(),
        options.frameTimeout(), metrics, nanos, LOG);
  }

  /**
   * Starts accepting connections on {@code host:port} (port 0 picks a free port); completes with
   * the bound port once listening.
   */
  public Future<Integer> start(String host, int port) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("transport closed"));
    }
    NetServerOptions serverOptions = new NetServerOptions()
        .setTcpNoDelay(true)
        .setIdleTimeout((int) options.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    NetServer s = vertx.createNetServer(serverOptions);
    s.connectHandler(socket -> {
      if (closed) {
        socket.close();
        return;
      }
      if (!guard.tryOpen(String.valueOf(socket.remoteAddress()))) {
        socket.close(); // the internode protocol has no refusal message; the peer reconnects later
        return;
      }
      InboundConnection c = new InboundConnection(socket, Vertx.currentContext(), codec, options, hello,
          () -> handler, guard);
      guard.opened(c);
      c.start();
    });
    return s.listen(port, host).map(listening -> {
      server = listening;
      sweeper = vertx.setPeriodic(guard.sweepMillis(), id -> guard.sweep());
      LOG.info("node {} listening for internode traffic on {}:{}", self, host, listening.actualPort());
      return listening.actualPort();
    });
  }

  /** The bound port, or -1 before {@link #start} completed. */
  public int port() {
    NetServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  public NodeId self() {
    return self;
  }

  /** Connections other nodes hold open to this one. */
  public int inboundConnectionCount() {
    return guard.connectionCount();
  }

  /** Bytes the accepted connections hold in unfinished frames now. */
  public long inboundBufferedBytes() {
    return guard.budget.held();
  }

  @Override
  public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(timeout, "timeout");
    if (closed) {
      return CompletableFuture.failedFuture(new PeerUnavailableException("transport closed"));
    }
    // getOrCreateContext: off Vert.x threads this picks a fresh event loop per peer (round robin),
    // spreading peers over the loops; on an event loop it reuses the caller's.
    OutboundLink link = links.computeIfAbsent(peer,
        p -> new OutboundLink(linkEnv, p, vertx.getOrCreateContext()));
    return link.request(request, timeout);
  }

  @Override
  public void onRequest(RequestHandler handler) {
    this.handler = handler;
  }

  /** Stops listening, closes every connection and fails every pending request. */
  public Future<Void> closeAsync() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    List<Future<?>> steps = new ArrayList<>();
    NetServer s = server;
    if (s != null) {
      steps.add(s.close());
    }
    for (OutboundLink link : links.values()) {
      steps.add(link.close());
    }
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    for (ServedConnection c : guard.connections()) {
      c.close();
    }
    return Future.join(steps).transform(ar -> client.close());
  }

  /**
   * Like {@link #closeAsync}, waiting (bounded) for it off event loops; on an event loop it only
   * starts the close, since blocking there could deadlock.
   */
  @Override
  public void close() {
    Future<Void> f = closeAsync();
    if (Context.isOnEventLoopThread()) {
      return;
    }
    try {
      f.toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("closing the internode transport of {}: {}", self, e.toString());
    }
  }
}
