package io.cairn.node.net;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The node's table of internode message handlers, keyed by message type (Cassandra's verb table:
 * the wire registration gives each type its id and codec; this table gives it its handler). Each
 * service registers the handlers for its own messages when the node is assembled, so adding a
 * message is one registration here plus its codec, and nothing dispatches by {@code instanceof}.
 */
public final class MessageHandlers implements RequestHandler {

  /** Handles one message type; the completed value is the reply. */
  @FunctionalInterface
  public interface Handler<M extends WireMessage> {
    CompletableFuture<? extends WireMessage> handle(NodeId from, M message);
  }

  private final Map<Class<?>, Handler<?>> table = new ConcurrentHashMap<>();

  /**
   * Registers the handler of {@code type}.
   *
   * @throws IllegalStateException if the type already has one: two services claiming one message
   *     is an assembly bug, not something to resolve by order
   */
  public <M extends WireMessage> MessageHandlers register(Class<M> type, Handler<M> handler) {
    Objects.requireNonNull(handler, "handler");
    if (table.putIfAbsent(type, handler) != null) {
      throw new IllegalStateException(type.getSimpleName() + " already has a handler");
    }
    return this;
  }

  /** Wraps the registered handler of {@code type} (tests and negative controls plant faults this way). */
  @SuppressWarnings("unchecked")
  public <M extends WireMessage> void wrap(Class<M> type, UnaryOperator<Handler<M>> wrapper) {
    table.compute(type, (t, h) -> {
      if (h == null) {
        throw new IllegalStateException(type.getSimpleName() + " has no handler to wrap");
      }
      return wrapper.apply((Handler<M>) h);
    });
  }

  public boolean handles(Class<? extends WireMessage> type) {
    return table.containsKey(type);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<WireMessage> handle(NodeId from, WireMessage request) {
    Handler<WireMessage> handler = (Handler<WireMessage>) table.get(request.getClass());
    if (handler == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("no handler for " + request.getClass().getSimpleName()));
    }
    try {
      return (CompletableFuture<WireMessage>) handler.handle(from, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
