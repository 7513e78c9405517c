package io.cairn.node.adapter.vertx;

import io.cairn.node.core.Metrics;
import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary client port: the internode framing (length-prefixed frames, correlation ids, the same
 * {@link FrameReader} and {@link FrameWriter}) on its own listener, serving only coordinated gets
 * and puts. A separate port rather than client frames on the internode port, so that the two can be
 * bound, firewalled and (later) authenticated differently, and so that nothing a client sends is
 * ever routed to the internode request handler. See docs/wire.md, "Client port".
 *
 * <p>What clients can make it hold is bounded by {@link ClientPortOptions}: connections beyond the
 * cap are sent {@code ClientError(OVERLOADED)} and closed, idle ones are closed, frames are no larger
 * than a put of the largest value, and unfinished frames share one budget and one timeout
 * ({@link PortGuard}).
 */
public final class ClientPort {

  private static final Logger LOG = LoggerFactory.getLogger(ClientPort.class);

  private final Vertx vertx;
  private final WireCodec codec;
  private final Hello hello;
  private final ClientPortOptions options;
  private final ClientOperations operations;
  private final PortGuard guard;
  private volatile NetServer server;
  private volatile boolean closed;
  private long sweeper = -1;

  /** With {@link ClientPortOptions#defaults} and metrics that are counted but not exported. */
  public ClientPort(Vertx vertx, WireCodec codec, Hello hello, int maxPendingRequests, ClientOperations operations) {
    this(vertx, codec, hello, ClientPortOptions.defaults(maxPendingRequests), operations, Metrics.counting(),
        System::nanoTime);
  }

  /** @param hello what this node answers a client's hello with (its id, wire version, incarnation) */
  public ClientPort(Vertx vertx, WireCodec codec, Hello hello, ClientPortOptions options, ClientOperations operations,
      Metrics metrics, LongSupplier nanos) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.hello = Objects.requireNonNull(hello, "hello");
    this.options = Objects.requireNonNull(options, "options");
    this.operations = Objects.requireNonNull(operations, "operations");
    this.guard = new PortGuard("cairn.binary", "binary", options.maxConnections(), options.maxBufferedBytes(),
        options.frameTimeout(), metrics, nanos, LOG);
  }

  /** Starts listening on {@code host:port} (0 picks a free port); completes with the bound port. */
  public Future<Integer> start(String host, int port) {
    NetServer s = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true)
        .setIdleTimeout((int) options.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    s.connectHandler(socket -> {
      if (closed) {
        socket.close();
        return;
      }
      if (!guard.tryOpen(String.valueOf(socket.remoteAddress()))) {
        // a typed answer the client can report, then the door closes; no ClientHello is awaited
        socket.end(Buffer.buffer(codec.encodeFrame(
            new Envelope(0, new ClientError(ClientError.Kind.OVERLOADED, guard.refusal())))));
        return;
      }
      ClientConnection c = new ClientConnection(socket, Vertx.currentContext(), codec, hello, options.maxFrameBytes(),
          options.maxPendingRequests(), operations, guard);
      guard.opened(c);
      c.start();
    });
    return s.listen(port, host).map(listening -> {
      server = listening;
      sweeper = vertx.setPeriodic(guard.sweepMillis(), id -> guard.sweep());
      LOG.info("node {} listening for binary clients on {}:{}", hello.from(), host, listening.actualPort());
      return listening.actualPort();
    });
  }

  /** Open client connections. */
  public int connectionCount() {
    return guard.connectionCount();
  }

  /** Bytes all client connections hold in unfinished frames now. */
  public long bufferedBytes() {
    return guard.budget.held();
  }

  /** Stops listening and closes every client connection. */
  public Future<Void> close() {
    closed = true;
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    for (ServedConnection c : guard.connections()) {
      c.close();
    }
    NetServer s = server;
    return s == null ? Future.succeededFuture() : s.close();
  }
}
