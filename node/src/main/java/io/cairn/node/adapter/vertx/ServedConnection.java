package io.cairn.node.adapter.vertx;

import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node's two kinds of accepted connection share — an internode peer's
 * ({@link InboundConnection}) and a client's ({@link ClientConnection}): frames in through a
 * {@link FrameReader}, replies out through a coalescing {@link FrameWriter} under the request's
 * correlation id, a count of requests being handled, and closing on a bad frame without touching
 * any other connection. Subclasses decide what a frame means.
 *
 * <p>All state is confined to the socket's context. Handlers run on it (they must not block) and
 * may complete on any thread; a reply is encoded on the completing thread and written on the
 * context.
 */
abstract class ServedConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ServedConnection.class);

  protected final NetSocket socket;
  protected final Context context;
  protected final WireCodec codec;
  protected final FrameWriter writer;
  private final FrameReader reader;
  private final Runnable onClosed;
  private final String kind;
  private int inProgress; // requests handed on and not answered yet
  private boolean closed;

  /** @param kind how log lines name this connection, e.g. "inbound connection" */
  ServedConnection(NetSocket socket, Context context, WireCodec codec, int maxFrameBytes, String kind,
      Runnable onClosed) {
    this.socket = socket;
    this.context = context;
    this.codec = codec;
    this.kind = kind;
    this.onClosed = onClosed;
    this.writer = new FrameWriter(context, socket);
    this.reader = new FrameReader(codec, maxFrameBytes, new FrameReader.Sink() {
      @Override
      public void onFrame(Envelope envelope) {
        ServedConnection.this.onFrame(envelope);
      }

      @Override
      public void onGarbage(String reason) {
        abort(reason);
      }
    });
  }

  /** A decoded frame, on the socket's context. */
  protected abstract void onFrame(Envelope envelope);

  /** A handler's exception (or, for null, a missing reply) as the other end is told it. */
  protected abstract WireMessage failureReply(Throwable e);

  /** Who is at the other end, for log lines. */
  protected abstract String describe();

  /** Installs the socket callbacks; call on the socket's context. */
  void start() {
    socket.handler(reader);
    socket.closeHandler(v -> {
      closed = true;
      reader.stop();
      writer.close();
      onClosed.run();
    });
    socket.exceptionHandler(e -> LOG.debug("{} {}: {}", kind, describe(), e.toString()));
  }

  /** Closes the connection; replies still being computed are dropped. */
  void close() {
    context.runOnContext(v -> socket.close());
  }

  /** Requests handed on and not answered yet. */
  protected int inProgress() {
    return inProgress;
  }

  /** Answers {@code id} once {@code result} completes, with its value or a {@link #failureReply}. */
  protected void replyWhenDone(long id, CompletableFuture<WireMessage> result) {
    inProgress++;
    result.whenComplete((r, e) -> {
      WireMessage out = e != null ? failureReply(e) : r == null ? failureReply(null) : r;
      byte[] frame = encodeReply(id, out);
      onContext(() -> {
        inProgress--;
        if (!closed) {
          writer.write(frame);
        }
      });
    });
  }

  /** Answers {@code id} now; on the socket's context. */
  protected void reply(long id, WireMessage message) {
    writer.write(encodeReply(id, message));
  }

  private byte[] encodeReply(long id, WireMessage message) {
    try {
      return codec.encodeFrame(new Envelope(id, message));
    } catch (RuntimeException e) {
      // e.g. a reply over the frame limit: the requester still gets an answer, not a timeout
      return codec.encodeFrame(new Envelope(id, failureReply(e)));
    }
  }

  /** Logs why, and closes this connection only. */
  protected void abort(String reason) {
    LOG.warn("closing {} {}: {}", kind, describe(), reason);
    reader.stop();
    writer.close();
    socket.close();
  }

  private void onContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }
}
