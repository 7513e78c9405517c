package io.cairn.node.net;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process network of {@link Transport}s for tests and tools: messages are handed to the
 * peer's handler on an executor (never inline, like a real network), and nodes can be taken down and
 * brought back. A request to or from a down node fails with {@link PeerUnavailableException}.
 */
public final class LocalNetwork {

  private final Executor executor;
  private final AtomicLong bytes = new AtomicLong();
  private volatile WireCodec counter;
  private final Map<NodeId, RequestHandler> handlers = new ConcurrentHashMap<>();
  private final Set<NodeId> down = ConcurrentHashMap.newKeySet();
  /** Crashed, but not yet noticed: messages fail while {@link #isUp} still says yes. */
  private final Set<NodeId> silentlyDown = ConcurrentHashMap.newKeySet();

  public LocalNetwork(Executor executor) {
    this.executor = executor;
  }

  public Transport transportFor(NodeId node) {
    return new Transport() {
      @Override
      public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
        return send(node, peer, request);
      }

      @Override
      public void onRequest(RequestHandler handler) {
        handlers.put(node, handler);
      }

      @Override
      public void close() {
        handlers.remove(node);
      }
    };
  }

  public void takeDown(NodeId node) {
    down.add(node);
  }

  public void bringUp(NodeId node) {
    down.remove(node);
    silentlyDown.remove(node);
  }

  /** The node stops answering, but {@link #isUp} keeps saying it is up (failure detector lag). */
  public void crashUnnoticed(NodeId node) {
    silentlyDown.add(node);
  }

  /** Counts from now on the encoded bytes of every request and reply, as a real network would carry. */
  public void countBytes(WireCodec codec) {
    this.counter = codec;
  }

  /** Bytes counted since {@link #countBytes}, reset to zero. */
  public long takeBytes() {
    return bytes.getAndSet(0);
  }

  public boolean isUp(NodeId node) {
    return !down.contains(node);
  }

  private CompletableFuture<WireMessage> send(NodeId from, NodeId to, WireMessage request) {
    RequestHandler handler = handlers.get(to);
    if (handler == null || down.contains(to) || down.contains(from) || silentlyDown.contains(to)) {
      return CompletableFuture.failedFuture(new PeerUnavailableException(to + " is unreachable"));
    }
    WireCodec codec = counter;
    if (codec != null) {
      bytes.addAndGet(codec.encode(request).length);
    }
    return CompletableFuture.supplyAsync(() -> handler.handle(from, request), executor)
        .thenCompose(f -> f)
        .thenApplyAsync(reply -> {
          if (down.contains(to) || down.contains(from)) {
            // the handler ran: the request may have taken effect
            throw new ConnectionLostException(to + " went down before replying");
          }
          if (codec != null) {
            bytes.addAndGet(codec.encode(reply).length);
          }
          return reply;
        }, executor);
  }
}
