package io.cairn.node.cluster;

import io.cairn.node.net.RemoteFailureException;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.RequestTimeoutException;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A {@link Transport} that tells a {@link TimeoutSuspicion} how each request to a peer ended: a
 * {@link RequestTimeoutException} is a timeout; a reply, or a {@link RemoteFailureException} (the
 * peer answered, only not with success), shows the peer responsive. Other failures (no connection,
 * connection lost) say nothing about the peer's responsiveness and are not reported; the transport
 * fails those fast by itself.
 *
 * <p>Callers see exactly what the wrapped transport produced: the same reply or the same exception,
 * not wrapped again.
 */
public final class ObservedTransport implements Transport {

  private final Transport delegate;
  private final TimeoutSuspicion suspicion;

  public ObservedTransport(Transport delegate, TimeoutSuspicion suspicion) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.suspicion = Objects.requireNonNull(suspicion, "suspicion");
  }

  @Override
  public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
    CompletableFuture<WireMessage> out = new CompletableFuture<>();
    delegate.request(peer, request, timeout).whenComplete((reply, error) -> {
      try {
        observe(peer, reply, error);
      } finally {
        if (error != null) {
          out.completeExceptionally(error);
        } else {
          out.complete(reply);
        }
      }
    });
    return out;
  }

  private void observe(NodeId peer, WireMessage reply, Throwable error) {
    if (error == null) {
      if (reply instanceof Heartbeat) {
        suspicion.onHeartbeat(peer);
      } else {
        suspicion.onReply(peer);
      }
      return;
    }
    Throwable cause = unwrap(error);
    if (cause instanceof RequestTimeoutException) {
      suspicion.onTimeout(peer);
    } else if (cause instanceof RemoteFailureException) {
      suspicion.onReply(peer);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void onRequest(RequestHandler handler) {
    delegate.onRequest(handler);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
