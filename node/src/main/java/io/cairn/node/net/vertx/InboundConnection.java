package io.cairn.node.net.vertx;

import io.cairn.node.net.RequestHandler;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Failure;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection another node opened to this one: it carries that node's requests and this node's
 * replies, nothing else. The first frame must be the caller's {@link Hello} with our wire version;
 * this side answers with its own Hello (so the caller can check it reached the node it meant) and
 * from then on every frame is a request, answered with the same correlation id.
 *
 * <p>All state is confined to the socket's context. Handlers run on it (they must not block) and
 * may complete on any thread; the reply is encoded on the completing thread and written on the
 * context.
 */
final class InboundConnection {

  private static final Logger LOG = LoggerFactory.getLogger(InboundConnection.class);

  private final NetSocket socket;
  private final Context context;
  private final WireCodec codec;
  private final TransportOptions options;
  private final Hello ownHello;
  private final Supplier<RequestHandler> handler;
  private final Runnable onClosed;
  private final FrameReader reader;
  private final FrameWriter writer;
  private NodeId from; // null until the Hello arrived
  private int inHandler; // requests handed to the handler and not answered yet
  private boolean closed;

  InboundConnection(
      NetSocket socket,
      Context context,
      WireCodec codec,
      TransportOptions options,
      Hello ownHello,
      Supplier<RequestHandler> handler,
      Runnable onClosed) {
    this.socket = socket;
    this.context = context;
    this.codec = codec;
    this.options = options;
    this.ownHello = ownHello;
    this.handler = handler;
    this.onClosed = onClosed;
    this.writer = new FrameWriter(context, socket);
    this.reader = new FrameReader(codec, options.maxFrameBytes(), new FrameReader.Sink() {
      @Override
      public void onFrame(Envelope envelope) {
        InboundConnection.this.onFrame(envelope);
      }

      @Override
      public void onGarbage(String reason) {
        abort(reason);
      }
    });
  }

  /** Installs the socket callbacks; call on the socket's context. */
  void start() {
    socket.handler(reader);
    socket.closeHandler(v -> {
      closed = true;
      reader.stop();
      writer.close();
      onClosed.run();
    });
    socket.exceptionHandler(e -> LOG.debug("inbound connection {}: {}", describe(), e.toString()));
  }

  /** Closes the connection; replies still being computed are dropped. */
  void close() {
    context.runOnContext(v -> socket.close());
  }

  private void onFrame(Envelope envelope) {
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
      }
      return;
    }
    if (m instanceof Hello) {
      abort("second Hello on one connection");
      return;
    }
    long id = envelope.correlationId();
    if (inHandler >= options.maxPendingRequests()) {
      reply(id, new Failure("overloaded: " + inHandler + " requests from " + from + " in progress"));
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
      reply(id, failureOf(e));
      return;
    }
    if (result == null) {
      reply(id, new Failure("handler returned no future"));
      return;
    }
    inHandler++;
    result.whenComplete((r, e) -> {
      WireMessage out = e != null ? failureOf(e)
          : r == null ? new Failure("handler completed with no reply") : r;
      byte[] frame = encodeReply(id, out);
      onContext(() -> {
        inHandler--;
        if (!closed) {
          writer.write(frame);
        }
      });
    });
  }

  private void reply(long id, WireMessage message) {
    writer.write(encodeReply(id, message));
  }

  private byte[] encodeReply(long id, WireMessage message) {
    try {
      return codec.encodeFrame(new Envelope(id, message));
    } catch (RuntimeException e) {
      // e.g. a reply over the frame limit: the requester still gets an answer, not a timeout
      return codec.encodeFrame(new Envelope(id, new Failure("cannot encode reply: " + e.getMessage())));
    }
  }

  private static Failure failureOf(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String detail = cause.getMessage() == null ? cause.getClass().getName()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new Failure(detail);
  }

  private void abort(String reason) {
    LOG.warn("closing inbound connection {}: {}", describe(), reason);
    reader.stop();
    writer.close();
    socket.close();
  }

  private String describe() {
    return (from == null ? "" : from + "@") + socket.remoteAddress();
  }

  private void onContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }
}
