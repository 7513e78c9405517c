package io.cairn.node.adapter.vertx;

import io.cairn.node.net.ConnectionLostException;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.RequestTimeoutException;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's single outbound connection to one peer: it carries this node's requests to the peer
 * and the peer's replies, nothing else.
 *
 * <p>Threading: {@link #request} may be called from any thread; it admits the request against the
 * per-peer bound (an atomic counter), encodes the frame on the caller's thread (the codec's Kryo is
 * per thread) and hands the rest to the link's context. Every other field is touched only on that
 * context, so no locks: connection state, pending table, batch writer and the socket's callbacks
 * (the socket is connected from the context, so Vert.x delivers its events there too).
 *
 * <p>States: IDLE (no connection; a request either fails fast because the backoff has not elapsed,
 * or starts a connect), CONNECTING (TCP connect, then our Hello out and the peer's Hello back;
 * requests wait, bounded by maxPendingRequests and their own timeouts, and the whole handshake by
 * the connect timeout), CONNECTED, CLOSED.
 *
 * <p>Requests are written only after the peer's Hello proved that the address reached the node we
 * meant (the address book may be stale). That costs one round trip per new connection, and buys
 * that a request refused with PeerUnavailableException before that point was never delivered.
 */
final class OutboundLink {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);

  private enum State { IDLE, CONNECTING, CONNECTED, CLOSED }

  private final LinkEnv env;
  private final NodeId peer;
  private final Context context;
  /** Requests admitted and not yet completed; the only state shared across threads. */
  private final AtomicInteger admitted = new AtomicInteger();

  private final PendingRequests pending;
  /** Frames of requests waiting for the connection, by correlation id, in submission order. */
  private final Map<Long, byte[]> queued = new LinkedHashMap<>();
  private State state = State.IDLE;
  private NetSocket socket;
  private FrameWriter writer;
  private FrameReader reader;
  private boolean peerHelloSeen;
  private long handshakeTimer = -1;
  private int failures;
  private long retryAtNanos;

  OutboundLink(LinkEnv env, NodeId peer, Context context) {
    this.env = env;
    this.peer = peer;
    this.context = context;
    this.pending = new PendingRequests(env.vertx());
  }

  /** Everything a link needs from its transport. */
  record LinkEnv(
      Vertx vertx,
      NetClient client,
      WireCodec codec,
      TransportOptions options,
      Hello hello,
      Function<NodeId, Optional<InetSocketAddress>> addresses) {}

  CompletableFuture<WireMessage> request(WireMessage message, Duration timeout) {
    int max = env.options().maxPendingRequests();
    if (admitted.incrementAndGet() > max) {
      admitted.decrementAndGet();
      return CompletableFuture.failedFuture(new PeerUnavailableException(
          "peer " + peer + " has " + max + " requests pending already"));
    }
    byte[] frame;
    try {
      frame = env.codec().encodeFrame(new Envelope(0, message)); // id patched on the context
    } catch (RuntimeException e) {
      admitted.decrementAndGet();
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<WireMessage> future = new CompletableFuture<>();
    future.whenComplete((r, e) -> admitted.decrementAndGet());
    context.runOnContext(v -> send(future, frame, timeout));
    // A copy, so that a caller cancelling its future cannot free a slot still used on the wire.
    return future.copy();
  }

  private void send(CompletableFuture<WireMessage> future, byte[] frame, Duration timeout) {
    switch (state) {
      case CLOSED -> future.completeExceptionally(new PeerUnavailableException("transport closed"));
      case CONNECTED -> {
        long id = pending.register(future, timeout, this::timedOut);
        patchCorrelationId(frame, id);
        writer.write(frame);
      }
      case CONNECTING -> queue(future, frame, timeout);
      case IDLE -> {
        long wait = retryAtNanos - System.nanoTime();
        if (wait > 0) {
          future.completeExceptionally(new PeerUnavailableException("connection to " + peer
              + " is down; next attempt allowed in " + (wait / 1_000_000) + " ms"));
          return;
        }
        Optional<InetSocketAddress> address = env.addresses().apply(peer);
        if (address.isEmpty()) {
          future.completeExceptionally(new PeerUnavailableException("no address for " + peer));
          return;
        }
        queue(future, frame, timeout);
        connect(address.get());
      }
    }
  }

  private void queue(CompletableFuture<WireMessage> future, byte[] frame, Duration timeout) {
    long id = pending.register(future, timeout, this::timedOut);
    patchCorrelationId(frame, id);
    queued.put(id, frame);
  }

  /** A request still queued when its timer fires was never sent: that is "unavailable", not "maybe". */
  private RuntimeException timedOut(long id) {
    if (queued.remove(id) != null) {
      return new PeerUnavailableException("no connection to " + peer + " within the request timeout");
    }
    return new RequestTimeoutException("no reply from " + peer + " within the timeout");
  }

  private void connect(InetSocketAddress address) {
    state = State.CONNECTING;
    peerHelloSeen = false;
    env.client().connect(address.getPort(), address.getHostString())
        .onComplete(ar -> onContext(() -> onConnected(ar)));
  }

  private void onConnected(AsyncResult<NetSocket> ar) {
    if (state == State.CLOSED) {
      if (ar.succeeded()) {
        ar.result().close();
      }
      return;
    }
    if (ar.failed()) {
      connectionDown("cannot connect to " + peer + ": " + ar.cause().getMessage(), false);
      return;
    }
    NetSocket s = ar.result();
    socket = s;
    writer = new FrameWriter(context, s);
    reader = new FrameReader(env.codec(), env.options().maxFrameBytes(), new FrameReader.Sink() {
      @Override
      public void onFrame(Envelope envelope) {
        onReply(s, envelope);
      }

      @Override
      public void onGarbage(String reason) {
        abort(s, reason);
      }
    });
    s.handler(data -> onContext(() -> {
      if (s == socket) {
        reader.handle(data);
      }
    }));
    s.closeHandler(v -> onContext(() -> {
      if (s == socket) {
        connectionDown("connection to " + peer + " lost", peerHelloSeen);
      }
    }));
    s.exceptionHandler(e -> LOG.debug("connection to {}: {}", peer, e.toString()));
    writer.write(env.codec().encodeFrame(new Envelope(0, env.hello())));
    handshakeTimer = env.vertx().setTimer(env.options().connectTimeout().toMillis(), t -> {
      handshakeTimer = -1;
      if (s == socket && !peerHelloSeen) {
        abort(s, "no Hello within " + env.options().connectTimeout().toMillis() + " ms");
      }
    });
  }

  private void onReply(NetSocket s, Envelope envelope) {
    WireMessage m = envelope.message();
    if (!peerHelloSeen) {
      if (m instanceof Hello h && h.wireVersion() == WireCodec.VERSION && h.from().equals(peer)) {
        peerHelloSeen = true;
        failures = 0; // a real handshake, not merely a TCP accept, resets the backoff
        cancelHandshakeTimer();
        state = State.CONNECTED;
        for (byte[] frame : queued.values()) { // all in one batch (FrameWriter)
          writer.write(frame);
        }
        queued.clear();
        return;
      }
      abort(s, "expected Hello(" + peer + ", v" + WireCodec.VERSION + ") first, got " + m);
      return;
    }
    if (!pending.complete(envelope.correlationId(), m)) {
      LOG.debug("dropping reply from {} with unknown correlation id {} (timed out?)",
          peer, envelope.correlationId());
    }
  }

  private void abort(NetSocket s, String reason) {
    LOG.warn("closing connection to {} ({}): {}", peer, s.remoteAddress(), reason);
    if (s == socket) {
      connectionDown("connection to " + peer + " closed: " + reason, false);
    }
    s.close();
  }

  /**
   * Fails everything pending. Requests still queued were never sent: PeerUnavailableException.
   * Requests already written may or may not have been executed by the peer: ConnectionLostException,
   * so that no caller re-sends a write elsewhere as if it had never arrived (see docs/internode.md).
   *
   * @param healthy the connection had completed its handshake: retry at once on the next request
   *     (a restarted peer is reachable again immediately); otherwise back off
   */
  private void connectionDown(String reason, boolean healthy) {
    cancelHandshakeTimer();
    if (reader != null) {
      reader.stop();
    }
    if (writer != null) {
      writer.close();
    }
    socket = null;
    reader = null;
    writer = null;
    if (state != State.CLOSED) {
      state = State.IDLE;
    }
    failures = healthy ? 0 : failures + 1;
    retryAtNanos = System.nanoTime() + env.options().backoffMillis(failures) * 1_000_000L;
    Set<Long> neverSent = new HashSet<>(queued.keySet());
    queued.clear();
    pending.failAll(id -> neverSent.contains(id)
        ? new PeerUnavailableException(reason)
        : new ConnectionLostException(reason + " after the request was sent; it may have been applied"));
  }

  /** Closes the connection and fails everything pending; completes on the link's context. */
  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      NetSocket s = socket;
      state = State.CLOSED;
      connectionDown("transport closed", false);
      if (s != null) {
        s.close().onComplete(ar -> done.complete());
      } else {
        done.complete();
      }
    });
    return done.future();
  }

  private void cancelHandshakeTimer() {
    if (handshakeTimer >= 0) {
      env.vertx().cancelTimer(handshakeTimer);
      handshakeTimer = -1;
    }
  }

  /** Runs on the link's context: directly when already there, else as a task. */
  private void onContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  static void patchCorrelationId(byte[] frame, long id) {
    for (int i = 0; i < 8; i++) {
      frame[4 + i] = (byte) (id >>> (56 - 8 * i)); // after the int32 length, big-endian
    }
  }
}
