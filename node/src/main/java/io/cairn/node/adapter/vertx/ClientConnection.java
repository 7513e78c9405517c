package io.cairn.node.adapter.vertx;

import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;

/**
 * One client's connection to the client port. The first frame must be a {@link ClientHello}; the
 * node answers with its own {@link Hello} (so the client learns whom it reached and which version
 * it speaks) and closes the connection after it if the versions differ. From then on every frame
 * is a request answered under its correlation id: {@link ClientGet} and {@link ClientPut} go to
 * the {@link ClientOperations}; anything else is answered {@code ClientError(UNSUPPORTED)} and has
 * no effect, so internode messages (a {@code CoordinatePut} with a vector of the sender's choosing
 * among them) cannot be injected here. A bad frame closes this
 * connection only.
 *
 * <p>Socket handling, reply coalescing and threading: {@link ServedConnection}.
 */
final class ClientConnection extends ServedConnection {

  private static final int MAX_DETAIL_CHARS = 1000;

  private final Hello ownHello;
  private final int maxPendingRequests;
  private final ClientOperations operations;
  private String agent; // null until the ClientHello arrived

  ClientConnection(
      NetSocket socket,
      Context context,
      WireCodec codec,
      Hello ownHello,
      int maxFrameBytes,
      int maxPendingRequests,
      ClientOperations operations,
      PortGuard guard) {
    super(socket, context, codec, maxFrameBytes, guard, "client connection");
    this.ownHello = ownHello;
    this.maxPendingRequests = maxPendingRequests;
    this.operations = operations;
  }

  @Override
  protected void onFrame(Envelope envelope) {
    WireMessage m = envelope.message();
    if (agent == null) {
      handshake(m);
      return;
    }
    long id = envelope.correlationId();
    if (m instanceof ClientHello) {
      abort("second ClientHello on one connection");
    } else if (!(m instanceof ClientGet) && !(m instanceof ClientPut)) {
      reply(id, new ClientError(ClientError.Kind.UNSUPPORTED,
          "the client port serves only ClientGet and ClientPut, not " + m.getClass().getSimpleName()));
    } else if (inProgress() >= maxPendingRequests) {
      reply(id, new ClientError(ClientError.Kind.OVERLOADED,
          "overloaded: " + inProgress() + " requests of this connection in progress (binary.max-pending-requests)"));
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
    handshakeDone();
  }

  private void dispatch(long id, WireMessage request) {
    CompletableFuture<WireMessage> result;
    try {
      result = request instanceof ClientGet get ? operations.get(get) : operations.put((ClientPut) request);
    } catch (RuntimeException e) {
      reply(id, failureReply(e));
      return;
    }
    replyWhenDone(id, result);
  }

  /**
   * A failure inside the node (or, for null, a missing reply): the operation may have done
   * anything, so the client must not assume.
   */
  @Override
  protected ClientError failureReply(Throwable e) {
    if (e == null) {
      return new ClientError(ClientError.Kind.INTERNAL, "no reply");
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String detail = "internal error: " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new ClientError(ClientError.Kind.INTERNAL,
        detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail);
  }

  /** A client's bad frame is its own problem, not the operator's: INFO, no stack trace. */
  @Override
  protected void logAbort(Logger log, String who, String reason) {
    log.info("closing {}: {}", who, reason);
  }

  @Override
  protected String describe() {
    return (agent == null ? "" : agent + "@") + socket.remoteAddress();
  }
}
