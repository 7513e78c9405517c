package io.cairn.node.coordinator;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinateGetReply;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.CoordinatePutReply;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireMessage;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The binary client port's gets and puts, handed to the {@link Coordinator} exactly as the HTTP API
 * hands them (same limits, same outcomes), with the refusals the HTTP API answers 400/413 typed as
 * {@link ClientError} kinds instead of statuses.
 *
 * <p>A put's value is re-stamped with this node's clock, as the HTTP API stamps it: sibling
 * timestamps order last-write-wins buckets, and a client's clock must not decide that.
 *
 * <p>A put also gets a request id minted here, as over HTTP. The coordinator answers a repeated
 * request id with its first answer (that is what makes a duplicated internode message harmless), so
 * an id chosen by a client would let two clients with colliding ids — a badly seeded generator is
 * enough — have one client's write acknowledged without ever being applied.
 */
public final class ClientRequests implements ClientOperations {

  private static final int MAX_DETAIL_CHARS = 1000;

  private final Coordinator coordinator;
  private final int maxKeyBytes;
  private final Clock clock;
  private final Timer getTimer;
  private final Timer putTimer;
  private final RandomGenerator random;
  private final AtomicInteger inFlight = new AtomicInteger();

  public ClientRequests(Coordinator coordinator, int maxKeyBytes, Clock clock, RandomGenerator random,
      MetricRegistry metrics) {
    this.coordinator = coordinator;
    this.random = random;
    this.maxKeyBytes = maxKeyBytes;
    this.clock = clock;
    this.getTimer = metrics.timer("cairn.binary.get");
    this.putTimer = metrics.timer("cairn.binary.put");
  }

  /** Requests being coordinated now (for pausing background work under load). */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public CompletableFuture<WireMessage> get(CoordinateGet request) {
    ClientError refused = checkKey(request.key());
    if (refused != null) {
      return CompletableFuture.completedFuture(refused);
    }
    return coordinated(getTimer, () -> coordinator.get(request).thenApply(
        r -> new CoordinateGetReply(request.requestId(), r.outcome(), r.object(), r.detail())));
  }

  @Override
  public CompletableFuture<WireMessage> put(CoordinatePut request) {
    ClientError refused = checkKey(request.key());
    if (refused != null) {
      return CompletableFuture.completedFuture(refused);
    }
    Sibling stamped = request.value().withTimestamp(clock.millis());
    CoordinatePut put = new CoordinatePut(RequestId.random(random), request.key(), request.context(), stamped,
        request.w(), request.pw(), request.timeoutMillis());
    return coordinated(putTimer, () -> coordinator.put(put).thenApply(
        r -> new CoordinatePutReply(put.requestId(), r.outcome(), r.object(), r.detail())));
  }

  private ClientError checkKey(BucketKey key) {
    try {
      key.checkKeySize(maxKeyBytes);
      return null;
    } catch (IllegalArgumentException e) {
      return error(ClientError.Kind.TOO_LARGE, e.getMessage() + " (limits.max-key-bytes)");
    }
  }

  /**
   * Runs one coordination. The coordinator refuses a request that can never succeed by throwing
   * before anything is written (what HTTP answers 400 or 413); anything failing later is internal.
   */
  private CompletableFuture<WireMessage> coordinated(Timer timer, Supplier<CompletableFuture<? extends WireMessage>> call) {
    CompletableFuture<? extends WireMessage> reply;
    try {
      reply = call.get();
    } catch (ValueTooLargeRequestException e) {
      return CompletableFuture.completedFuture(error(ClientError.Kind.TOO_LARGE, e.getMessage()));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(error(ClientError.Kind.INVALID, e.getMessage()));
    }
    Timer.Context timing = timer.time();
    inFlight.incrementAndGet();
    return reply.handle((r, e) -> {
      inFlight.decrementAndGet();
      timing.stop();
      if (e == null) {
        return r;
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return error(ClientError.Kind.INTERNAL, "internal error: " + cause);
    });
  }

  private static ClientError error(ClientError.Kind kind, String detail) {
    String d = detail == null ? "" : detail;
    return new ClientError(kind, d.length() > MAX_DETAIL_CHARS ? d.substring(0, MAX_DETAIL_CHARS) : d);
  }
}
