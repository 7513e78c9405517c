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
 * <p>Until the handshake is done only small frames are accepted ({@link #HANDSHAKE_FRAME_BYTES}),
 * so a stranger who never says hello cannot make the node buffer a large frame; the bytes of every
 * unfinished frame come from the port's {@link PortGuard} budget, and a frame that stops arriving
 * is timed out by its sweep.
 *
 * <p>All state is confined to the socket's context. Handlers run on it (they must not block) and
 * may complete on any thread; a reply is encoded on the completing thread and written on the
 * context.
 */
abstract class ServedConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ServedConnection.class);
  /** Largest frame before the handshake: a hello is a few dozen bytes. */
  static final int HANDSHAKE_FRAME_BYTES = 64 * 1024;

  protected final NetSocket socket;
  protected final Context context;
  protected final WireCodec codec;
  protected final FrameWriter writer;
  private final FrameReader reader;
  private final PortGuard guard;
  private final int maxFrameBytes;
  private final String kind;
  private int inProgress; // requests handed on and not answered yet
  private boolean closed;

  /**
   * @param maxFrameBytes largest frame once the handshake is done
   * @param kind how log lines name this connection, e.g. "inbound connection"
   */
  ServedConnection(NetSocket socket, Context context, WireCodec codec, int maxFrameBytes, PortGuard guard,
      String kind) {
    this.socket = socket;
    this.context = context;
    this.codec = codec;
    this.kind = kind;
    this.guard = guard;
    this.maxFrameBytes = maxFrameBytes;
    this.writer = new FrameWriter(context, socket);
    this.reader = new FrameReader(codec, Math.min(HANDSHAKE_FRAME_BYTES, maxFrameBytes), guard.budget, guard.nanos,
        new FrameReader.Sink() {
      @Override
      public void onFrame(Envelope envelope) {
        ServedConnection.this.onFrame(envelope);
      }

      @Override
      public void onGarbage(String reason) {
        abort(reason);
      }

      @Override
      public void onOverBudget(long wanted, InboundBudget budget) {
        guard.overBudget();
        LOG.warn("closing {} {}: its unfinished frame needs {} more bytes, and the port's unfinished frames hold {}"
            + " of the budget of {} bytes ({}.max-buffered-bytes)", kind, describe(), wanted, budget.held(),
            budget.limit(), guard.setting());
        closeNow();
      }
    });
  }

  /** The handshake is done: frames up to the connection's full limit are accepted from now on. */
  protected void handshakeDone() {
    reader.maxFrameBytes(maxFrameBytes);
  }

  /** How long the unfinished frame has waited for its rest; any thread. */
  long partialFrameAgeNanos(long now) {
    return reader.partialAgeNanos(now);
  }

  /** {@link #abort} from any thread. */
  void abortLater(String reason) {
    onContext(() -> {
      if (!closed) {
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
      guard.closed(this);
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
    logAbort(LOG, kind + " " + describe(), reason);
    closeNow();
  }

  /** How a protocol violation is logged: a peer node's is worth a warning, a client's is not. */
  protected void logAbort(Logger log, String who, String reason) {
    log.warn("closing {}: {}", who, reason);
  }

  private void closeNow() {
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
