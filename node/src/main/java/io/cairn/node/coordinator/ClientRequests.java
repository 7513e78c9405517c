package io.cairn.node.coordinator;

import io.cairn.node.core.Metrics;
import io.cairn.node.net.ClientOperations;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.context.ContextTooWideException;
import io.cairn.protocol.context.InvalidContextException;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.ClientReply;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireMessage;
import io.cairn.storage.InsufficientStorageException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one front door of client requests, behind both the HTTP API and the binary port: admission
 * (a bound on requests in flight, both doors together), key limits, request ids, timestamps, timing
 * and in-flight counts, then the {@link Coordinator}. The doors only translate.
 *
 * <p>A put's value is stamped with this node's clock: sibling timestamps order last-write-wins
 * buckets, and a client's clock must not decide that.
 *
 * <p>A put gets a request id minted here. The coordinator answers a repeated request id with its
 * first answer (that is what makes a duplicated internode message harmless), so an id chosen by a
 * client would let two clients with colliding ids — a badly seeded generator is enough — have one
 * client's write acknowledged without ever being applied.
 *
 * <p>Contexts cross this door only as {@link ContextTokens tokens}: a put's token is opened here
 * (authentic, issued for this very key, within the actor bound) before the coordinator sees its
 * vector, and every answer's vector leaves as a token. Nothing a client made up or took from another
 * key ever reaches a replica.
 */
public final class ClientRequests implements ClientOperations {

  /** Where a request came in; each door keeps its own timers. */
  public enum Door {
    HTTP("cairn.http"),
    BINARY("cairn.binary");

    final String prefix;

    Door(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A put on its way: the id it was given and its outcome. */
  public record SubmittedPut(RequestId requestId, CompletableFuture<PutResult> result) {}

  private static final int MAX_DETAIL_CHARS = 1000;
  /** The reason code of a write refused because the key's history is at the actor bound. */
  public static final String CAUSAL_HISTORY_FULL = "causal-history-full";
  /** The longest deadline a client may ask for: longer ones are mistakes (and overflow timers). */
  public static final long MAX_TIMEOUT_MILLIS = 600_000;

  private final Coordinator coordinator;
  private final ContextTokens tokens;
  private final int maxKeyBytes;
  private final int maxInFlight;
  private final Clock clock;
  private final RandomGenerator random;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final DoorMetrics[] doors = new DoorMetrics[Door.values().length];

  /** One door's timers and refusals, looked up once (a registry lookup per request showed in profiles). */
  private record DoorMetrics(Metrics.Timer get, Metrics.Timer put, Metrics.Timer delete, Metrics.Counter rejected,
      Metrics.Counter insufficientStorage) {
    static DoorMetrics of(Door door, Metrics metrics) {
      return new DoorMetrics(metrics.timer(door.prefix + ".get"), metrics.timer(door.prefix + ".put"),
          metrics.timer(door.prefix + ".delete"), metrics.counter(door.prefix + ".rejected"),
          metrics.counter(door.prefix + ".insufficient_storage"));
    }
  }

  /** @param maxInFlight requests admitted at once; more are refused as overloaded, never queued */
  public ClientRequests(Coordinator coordinator, ContextTokens tokens, int maxKeyBytes, int maxInFlight, Clock clock,
      RandomGenerator random, Metrics metrics) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1");
    }
    this.coordinator = coordinator;
    this.tokens = tokens;
    this.maxKeyBytes = maxKeyBytes;
    this.maxInFlight = maxInFlight;
    this.clock = clock;
    this.random = random;
    for (Door door : Door.values()) {
      doors[door.ordinal()] = DoorMetrics.of(door, metrics);
    }
  }

  /** Requests admitted and not yet finished (background work pauses while clients keep the node busy). */
  public int inFlight() {
    return inFlight.get();
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  /**
   * Admits one request, or refuses it at once when {@link #maxInFlight()} are in flight. An admitted
   * request must be {@link #release released} exactly once when it ends.
   *
   * @throws ClientRefusal OVERLOADED
   */
  public void admit(Door door) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      doors[door.ordinal()].rejected().inc();
      throw new ClientRefusal(ClientError.Kind.OVERLOADED, "overloaded: more than " + maxInFlight + " requests in flight");
    }
  }

  public void release() {
    inFlight.decrementAndGet();
  }

  /**
   * Coordinates a get of an admitted request.
   *
   * @throws ClientRefusal if it can never succeed as asked (a key over the limit, r above n ...)
   */
  public CompletableFuture<GetResult> get(Door door, BucketKey key, int r, int pr, long timeoutMillis) {
    checkKey(key);
    checkTimeout(timeoutMillis);
    CoordinateGet request = new CoordinateGet(RequestId.random(random), key, r, pr, timeoutMillis);
    return timed(doors[door.ordinal()].get(), refusing(() -> coordinator.get(request)));
  }

  /**
   * Coordinates a put (a delete when {@code value} is a tombstone) of an admitted request.
   * {@code context} is the client's token for {@code key} (null or empty for a blind write).
   *
   * @throws ClientRefusal if it can never succeed as asked (a refused context, a key or value over the
   *     limit, w above n ...); nothing was written
   */
  public SubmittedPut put(Door door, BucketKey key, String context, Sibling value, int w, int pw,
      long timeoutMillis) {
    checkKey(key);
    checkTimeout(timeoutMillis);
    if (value.tombstone() && (context == null || context.isEmpty())) {
      // a tombstone without a context is concurrent with every value: they would all stay visible
      throw new ClientRefusal(ClientError.Kind.PRECONDITION_REQUIRED,
          "a delete needs the context of what it deletes: read " + key + " first and send its context");
    }
    VersionVector vector = open(key, context);
    Sibling stamped = value.withTimestamp(clock.millis());
    CoordinatePut request = new CoordinatePut(RequestId.random(random), key, vector, stamped, w, pw, timeoutMillis);
    DoorMetrics m = doors[door.ordinal()];
    Metrics.Timer timer = value.tombstone() ? m.delete() : m.put();
    CompletableFuture<PutResult> result = timed(timer, refusing(() -> coordinator.put(request)));
    result.whenComplete((r, e) -> {
      if (e != null && Coordinator.unwrap(e) instanceof InsufficientStorageException) {
        m.insufficientStorage().inc();
      }
    });
    return new SubmittedPut(request.requestId(), result);
  }

  /**
   * The token a client gets for {@code object} of {@code key}: empty when the key has no history
   * (never written, or reaped).
   *
   * @throws ContextTooWideException if the object's vector carries more actors than a context may
   *     (only a merge of replicas that each stayed within the bound can get there): never handed out
   */
  public String contextOf(BucketKey key, StoredObject object) {
    return object.context().isEmpty() ? "" : tokens.issue(key, object.context());
  }

  // ---- the binary port: the same requests, answered as wire messages ---------------------------

  @Override
  public CompletableFuture<WireMessage> get(ClientGet request) {
    return binary(() -> get(Door.BINARY, request.key(), request.r(), request.pr(), request.timeoutMillis())
        .thenApply(r -> reply(request.key(), RequestId.random(random), r.outcome(), r.object(),
            r.object().liveSiblings(), r.detail())));
  }

  @Override
  public CompletableFuture<WireMessage> put(ClientPut request) {
    return binary(() -> {
      SubmittedPut put = put(Door.BINARY, request.key(), request.context(), request.value(), request.w(), request.pw(),
          request.timeoutMillis());
      // the object holds siblings only when there are concurrent ones to show (PutResult)
      return put.result().thenApply(r -> reply(request.key(), put.requestId(), r.outcome(), r.object(),
          r.object().liveSiblings(), r.detail()));
    });
  }

  private WireMessage reply(BucketKey key, RequestId id, QuorumOutcome outcome, StoredObject object,
      List<Sibling> live, String detail) {
    String context;
    try {
      context = contextOf(key, object);
    } catch (ContextTooWideException e) {
      return error(ClientError.Kind.INTERNAL, e.getMessage());
    }
    return new ClientReply(id, outcome, context, live, detail);
  }

  private CompletableFuture<WireMessage> binary(Supplier<CompletableFuture<? extends WireMessage>> call) {
    CompletableFuture<? extends WireMessage> reply;
    try {
      admit(Door.BINARY);
    } catch (ClientRefusal e) {
      return CompletableFuture.completedFuture(error(e.kind(), e.getMessage()));
    }
    try {
      reply = call.get();
    } catch (ClientRefusal e) {
      release();
      return CompletableFuture.completedFuture(error(e.kind(), e.getMessage()));
    } catch (RuntimeException e) {
      release();
      return CompletableFuture.completedFuture(error(ClientError.Kind.INTERNAL, "internal error: " + e));
    }
    return reply.handle((r, e) -> {
      release();
      if (e == null) {
        return r;
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof InsufficientStorageException full) {
        return error(ClientError.Kind.INSUFFICIENT_STORAGE, full.getMessage());
      }
      if (cause instanceof ClientRefusal refusal) {
        return error(refusal.kind(), refusal.getMessage());
      }
      return error(ClientError.Kind.INTERNAL, "internal error: " + cause);
    });
  }

  // ---- shared checks ---------------------------------------------------------------------------

  private void checkKey(BucketKey key) {
    try {
      key.checkKeySize(maxKeyBytes);
    } catch (IllegalArgumentException e) {
      throw new ClientRefusal(ClientError.Kind.TOO_LARGE, e.getMessage() + " (limits.max-key-bytes)");
    }
  }

  private VersionVector open(BucketKey key, String context) {
    try {
      return tokens.open(key, context);
    } catch (InvalidContextException e) {
      throw new ClientRefusal(ClientError.Kind.INVALID, e.getMessage(), e.reason().code());
    }
  }

  private static void checkTimeout(long timeoutMillis) {
    if (timeoutMillis < 0 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
      throw new ClientRefusal(ClientError.Kind.INVALID, "timeout=" + timeoutMillis
          + " must be between 0 (the node's default) and " + MAX_TIMEOUT_MILLIS + " ms");
    }
  }

  /**
   * The coordinator refuses a request that can never succeed by throwing before anything is
   * written; those become typed refusals.
   */
  private static <T> CompletableFuture<T> refusing(Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (ValueTooLargeRequestException e) {
      throw new ClientRefusal(ClientError.Kind.TOO_LARGE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ClientRefusal(ClientError.Kind.INVALID, e.getMessage());
    }
  }

  private static <T> CompletableFuture<T> timed(Metrics.Timer timer, CompletableFuture<T> future) {
    Metrics.Timing timing = timer.start();
    return future.whenComplete((r, e) -> timing.stop());
  }

  private static ClientError error(ClientError.Kind kind, String detail) {
    String d = detail == null ? "" : detail;
    return new ClientError(kind, d.length() > MAX_DETAIL_CHARS ? d.substring(0, MAX_DETAIL_CHARS) : d);
  }
}
