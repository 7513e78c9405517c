package io.cairn.node.net;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Request/reply messaging between nodes, as the node's core sees it. The core never touches
 * sockets or Vert.x: the production implementation runs over TCP, the deterministic simulator over a
 * simulated network, tests over an in-memory one.
 *
 * <p>Failures are values, not hangs: a request completes exceptionally with {@link
 * PeerUnavailableException} (not delivered: no connection, or its outbound queue is full), {@link
 * ConnectionLostException} (sent, then the connection dropped: it may have been executed), {@link
 * RequestTimeoutException} (no reply within the timeout), or {@link RemoteFailureException} (the
 * peer answered that it could not handle the request).
 */
public interface Transport extends AutoCloseable {

  /** Sends {@code request} to {@code peer} and completes with the peer's reply. */
  CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout);

  /** Installs the handler for requests from other nodes; replies are sent back on completion. */
  void onRequest(RequestHandler handler);

  @Override
  void close();
}
