package io.cairn.node.adapter.vertx;

import io.cairn.node.net.RequestHandler;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Transports on loopback with a shared address book; closes everything it made. */
final class TransportFixture implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final WireCodec codec = new WireCodec();
  final Map<NodeId, InetSocketAddress> addresses = new ConcurrentHashMap<>();
  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<VertxTransport> transports = new ArrayList<>();

  Vertx newVertx() {
    Vertx v = Vertx.vertx();
    vertxes.add(v);
    return v;
  }

  /** A transport on its own Vertx, listening on {@code port} (0 = ephemeral), address registered. */
  VertxTransport start(String node, int port, TransportOptions options) throws Exception {
    return start(newVertx(), node, port, options);
  }

  VertxTransport start(Vertx vertx, String node, int port, TransportOptions options) throws Exception {
    NodeId id = NodeId.of(node);
    VertxTransport t = new VertxTransport(vertx, id, 1, n -> Optional.ofNullable(addresses.get(n)),
        codec, options);
    transports.add(t);
    int bound = t.start(HOST, port).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    addresses.put(id, new InetSocketAddress(HOST, bound));
    return t;
  }

  /** A transport that is not listening (only makes requests). */
  VertxTransport client(String node, TransportOptions options) {
    VertxTransport t = new VertxTransport(newVertx(), NodeId.of(node), 1,
        n -> Optional.ofNullable(addresses.get(n)), codec, options);
    transports.add(t);
    return t;
  }

  static Heartbeat beat(String from, long n) {
    return new Heartbeat(NodeId.of(from), 1, n);
  }

  /** Answers Heartbeat(n) with Heartbeat(self, n * 2), so a test can match replies to requests. */
  static RequestHandler echo(String self) {
    return (from, request) -> {
      Heartbeat h = (Heartbeat) request;
      return CompletableFuture.completedFuture((WireMessage) beat(self, h.sentAtMillis() * 2));
    };
  }

  static long value(WireMessage reply) {
    return ((Heartbeat) reply).sentAtMillis();
  }

  @Override
  public void close() throws Exception {
    for (VertxTransport t : transports) {
      t.close();
    }
    for (Vertx v : vertxes) {
      v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
