package io.cairn.node.net.vertx;

import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to the client port. The first frame must be a {@link ClientHello}; the
 * node answers with its own {@link Hello} (so the client learns whom it reached and which version
 * it speaks) and closes the connection after it if the versions differ. From then on every frame
 * is a request answered under its correlation id: {@link CoordinateGet} and {@link CoordinatePut}
 * go to the {@link ClientOperations}; anything else is answered {@code ClientError(UNSUPPORTED)}
 * and has no effect, so internode messages cannot be injected here. A bad frame closes this
 * connection only.
 *
 * <p>All state is confined to the socket's context; replies are coalesced per event-loop turn by
 * the {@link FrameWriter}.
 */
final class ClientConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
  private static final int MAX_DETAIL_CHARS = 1000;

  private final NetSocket socket;
  private final Context context;
  private final WireCodec codec;
  private final Hello ownHello;
  private final int maxPendingRequests;
  private final ClientOperations operations;
  private final Runnable onClosed;
  private final FrameReader reader;
  private final FrameWriter writer;
  private String agent; // null until the ClientHello arrived
  private int inProgress; // requests handed to the operations and not answered yet
  private boolean closed;

  ClientConnection(
      NetSocket socket,
      Context context,
      WireCodec codec,
      Hello ownHello,
      int maxFrameBytes,
      int maxPendingRequests,
      ClientOperations operations,
      Runnable onClosed) {
    this.socket = socket;
    this.context = context;
    this.codec = codec;
    this.ownHello = ownHello;
    this.maxPendingRequests = maxPendingRequests;
    this.operations = operations;
    this.onClosed = onClosed;
    this.writer = new FrameWriter(context, socket);
    this.reader = new FrameReader(codec, maxFrameBytes, new FrameReader.Sink() {
      @Override
      public void onFrame(Envelope envelope) {
        ClientConnection.this.onFrame(envelope);
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
    socket.exceptionHandler(e -> LOG.debug("client connection {}: {}", describe(), e.toString()));
  }

  /** Closes the connection; replies still being computed are dropped. */
  void close() {
    context.runOnContext(v -> socket.close());
  }

  private void onFrame(Envelope envelope) {
    WireMessage m = envelope.message();
    if (agent == null) {
      handshake(m);
      return;
    }
    long id = envelope.correlationId();
    if (m instanceof ClientHello) {
      abort("second ClientHello on one connection");
    } else if (!(m instanceof CoordinateGet) && !(m instanceof CoordinatePut)) {
      reply(id, new ClientError(ClientError.Kind.UNSUPPORTED,
          "the client port serves only CoordinateGet and CoordinatePut, not " + m.getClass().getSimpleName()));
    } else if (inProgress >= maxPendingRequests) {
      reply(id, new ClientError(ClientError.Kind.OVERLOADED,
          "overloaded: " + inProgress + " requests of this connection in progress (binary.max-pending-requests)"));
    } else {
      dispatch(id, m);
    }
  }

  private void handshake(WireMessage m) {
    if (!(m instanceof ClientHello hello)) {
      abort("first frame is a " + m.getClass().getSimpleName() + ", not a ClientHello");
      return;
    }
    writer.write(codec.encodeFrame(new Envelope(0, ownHello)));
    if (hello.wireVersion() != WireCodec.VERSION) {
      // the Hello just queued tells the client which version we speak; then we hang up
      writer.flush();
      abort("client '" + hello.agent() + "' speaks wire version " + hello.wireVersion() + ", we speak "
          + WireCodec.VERSION);
      return;
    }
    agent = hello.agent().isEmpty() ? "client" : hello.agent();
  }

  private void dispatch(long id, WireMessage request) {
    CompletableFuture<WireMessage> result;
    try {
      result = request instanceof CoordinateGet get ? operations.get(get) : operations.put((CoordinatePut) request);
    } catch (RuntimeException e) {
      reply(id, internal(e));
      return;
    }
    inProgress++;
    result.whenComplete((r, e) -> {
      WireMessage out = e != null ? internal(e)
          : r == null ? new ClientError(ClientError.Kind.INTERNAL, "no reply") : r;
      byte[] frame = encodeReply(id, out);
      onContext(() -> {
        inProgress--;
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
      // e.g. siblings over the frame limit: the client still gets an answer, not a timeout
      return codec.encodeFrame(new Envelope(id, internal(e)));
    }
  }

  /** A failure inside the node: the operation may have done anything, so the client must not assume. */
  private static ClientError internal(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String detail = "internal error: " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new ClientError(ClientError.Kind.INTERNAL,
        detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail);
  }

  private void abort(String reason) {
    LOG.warn("closing client connection {}: {}", describe(), reason);
    reader.stop();
    writer.close();
    socket.close();
  }

  private String describe() {
    return (agent == null ? "" : agent + "@") + socket.remoteAddress();
  }

  private void onContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }
}
