package io.cairn.node.adapter.vertx;

import io.cairn.node.net.RequestHandler;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Failure;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A connection another node opened to this one: it carries that node's requests and this node's
 * replies, nothing else. The first frame must be the caller's {@link Hello} with our wire version;
 * this side answers with its own Hello (so the caller can check it reached the node it meant) and
 * from then on every frame is a request, answered with the same correlation id.
 *
 * <p>Socket handling, reply coalescing and threading: {@link ServedConnection}.
 */
final class InboundConnection extends ServedConnection {

  private final TransportOptions options;
  private final Hello ownHello;
  private final Supplier<RequestHandler> handler;
  private NodeId from; // null until the Hello arrived

  InboundConnection(
      NetSocket socket,
      Context context,
      WireCodec codec,
      TransportOptions options,
      Hello ownHello,
      Supplier<RequestHandler> handler,
      PortGuard guard) {
    super(socket, context, codec, options.maxFrameBytes(), guard, "inbound connection");
    this.options = options;
    this.ownHello = ownHello;
    this.handler = handler;
  }

  @Override
  protected void onFrame(Envelope envelope) {
    WireMessage m = envelope.message();
    if (from == null) {
      if (!(m instanceof Hello h)) {
        abort("first frame is a " + m.getClass().getSimpleName() + ", not a Hello");
      } else if (h.wireVersion() != WireCodec.VERSION) {
        abort("peer " + h.from() + " speaks wire version " + h.wireVersion() + ", we speak "
            + WireCodec.VERSION);
      } else {
        from = h.from();
        writer.write(codec.encodeFrame(new Envelope(0, ownHello)));
        handshakeDone();
      }
      return;
    }
    if (m instanceof Hello) {
      abort("second Hello on one connection");
      return;
    }
    long id = envelope.correlationId();
    if (inProgress() >= options.maxPendingRequests()) {
      reply(id, new Failure("overloaded: " + inProgress() + " requests from " + from + " in progress"));
      return;
    }
    RequestHandler h = handler.get();
    if (h == null) {
      reply(id, new Failure("no request handler installed on this node"));
      return;
    }
    CompletableFuture<WireMessage> result;
    try {
      result = h.handle(from, m);
    } catch (RuntimeException e) {
      reply(id, failureReply(e));
      return;
    }
    if (result == null) {
      reply(id, new Failure("handler returned no future"));
      return;
    }
    replyWhenDone(id, result);
  }

  /** A handler's exception (or, for null, its missing reply) as the requester sees it. */
  @Override
  protected Failure failureReply(Throwable e) {
    if (e == null) {
      return new Failure("handler completed with no reply");
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String detail = cause.getMessage() == null ? cause.getClass().getName()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new Failure(detail);
  }

  @Override
  protected String describe() {
    return (from == null ? "" : from + "@") + socket.remoteAddress();
  }
}
