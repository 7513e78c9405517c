package io.cairn.node.adapter.vertx;

import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary client port: the internode framing (length-prefixed frames, correlation ids, the same
 * {@link FrameReader} and {@link FrameWriter}) on its own listener, serving only coordinated gets
 * and puts. A separate port rather than client frames on the internode port, so that the two can be
 * bound, firewalled and (later) authenticated differently, and so that nothing a client sends is
 * ever routed to the internode request handler. See docs/wire.md, "Client port".
 */
public final class ClientPort {

  private static final Logger LOG = LoggerFactory.getLogger(ClientPort.class);

  private final Vertx vertx;
  private final WireCodec codec;
  private final Hello hello;
  private final int maxPendingRequests;
  private final ClientOperations operations;
  private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile NetServer server;
  private volatile boolean closed;

  /**
   * @param hello what this node answers a client's hello with (its id, wire version, incarnation)
   * @param maxPendingRequests requests one connection may have in progress before "overloaded"
   */
  public ClientPort(Vertx vertx, WireCodec codec, Hello hello, int maxPendingRequests, ClientOperations operations) {
    if (maxPendingRequests < 1) {
      throw new IllegalArgumentException("maxPendingRequests must be >= 1");
    }
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.hello = Objects.requireNonNull(hello, "hello");
    this.maxPendingRequests = maxPendingRequests;
    this.operations = Objects.requireNonNull(operations, "operations");
  }

  /** Starts listening on {@code host:port} (0 picks a free port); completes with the bound port. */
  public Future<Integer> start(String host, int port) {
    NetServer s = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
    s.connectHandler(socket -> {
      if (closed) {
        socket.close();
        return;
      }
      ClientConnection[] holder = new ClientConnection[1];
      holder[0] = new ClientConnection(socket, Vertx.currentContext(), codec, hello, WireCodec.MAX_FRAME_BYTES,
          maxPendingRequests, operations, () -> connections.remove(holder[0]));
      connections.add(holder[0]);
      holder[0].start();
    });
    return s.listen(port, host).map(listening -> {
      server = listening;
      LOG.info("node {} listening for binary clients on {}:{}", hello.from(), host, listening.actualPort());
      return listening.actualPort();
    });
  }

  /** Open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** Stops listening and closes every client connection. */
  public Future<Void> close() {
    closed = true;
    for (ClientConnection c : connections) {
      c.close();
    }
    NetServer s = server;
    return s == null ? Future.succeededFuture() : s.close();
  }
}
