package io.cairn.node.coordinator;

import io.cairn.node.cluster.Placement;
import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.core.Scheduler;
import io.cairn.node.net.MessageHandlers;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.CausalHistoryFullException;
import io.cairn.node.replica.LocalReads;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.quorum.PutQuorum;
import io.cairn.protocol.quorum.ReadPlan;
import io.cairn.protocol.quorum.ReplicaTarget;
import io.cairn.protocol.quorum.WritePlan;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinateGetReply;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.CoordinatePutReply;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.cairn.storage.InsufficientStorageException;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import io.cairn.storage.hint.HintStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinates client puts (this class) and gets ({@link GetCoordination}) over the {@link
 * Transport}: the pure plans of the protocol choose the targets ({@link WritePlan}, {@link
 * ReadPlan}) and its quorum state machines decide the outcomes.
 *
 * <p>Put: a node that is a primary of the key coordinates it; any other node forwards it to the
 * first reachable primary, and coordinates it itself, standing in for the primaries, only when
 * none answers ("always writable"). The coordinator applies the write to its own replica first —
 * minting the dot — then sends the resulting object to the other targets. A target that fails to
 * acknowledge (refused, unreachable, timed out) leaves a hint here for the replica it should have
 * reached. Once anything was written, the answer is OK or INDETERMINATE, never a plain failure.
 *
 * <p>A full disk: a primary whose own volume refuses the write ({@link InsufficientStorageException})
 * hands the request over to the other reachable primaries, so a success there counts as for any
 * forwarded put; a primary that only took a forwarded request does not hand it on (no cycles) but
 * answers {@code ClientError(INSUFFICIENT_STORAGE)}, and the forwarder tries the next primary. Only when no primary
 * took it does the client get the refusal (HTTP 507). A write whose local copy is refused never
 * mints a dot that this replica does not keep.
 *
 * <p>A local write that must first create or grow the partition's map runs on the background
 * executor: creating a Chronicle map takes up to seconds, far too long for an event loop.
 *
 * <p>Get: the first N reachable nodes of the preference list are asked, fallbacks in place of
 * unreachable primaries, so reads stay as available as writes on any side of a partition.
 */
public final class Coordinator {

  private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

  private final NodeId self;
  private final Supplier<Actor> actor;
  private final RingHolder rings;
  private final BucketRegistry buckets;
  private final ReplicaStore store;
  private final LocalReads reads;
  private final HintStore hints;
  private final Transport transport;
  private final Reachability reachability;
  private final Scheduler scheduler;
  private final Executor background;
  private final CoordinatorOptions options;
  private final WireCodec codec;
  /**
   * Recently coordinated puts by request id. A put that arrives twice (a duplicated or retried
   * message) must not be applied twice: each application mints a new dot, and a later write whose
   * context covers one copy leaves the other behind as a sibling it should have replaced (found by
   * the simulator, seed 214). The second arrival gets the first one's answer instead.
   */
  private final Map<RequestId, CompletableFuture<PutResult>> recentPuts =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RequestId, CompletableFuture<PutResult>> eldest) {
          return size() > RECENT_PUTS;
        }
      };
  private static final int RECENT_PUTS = 8192;

  public Coordinator(
      NodeId self,
      Supplier<Actor> actor,
      RingHolder rings,
      BucketRegistry buckets,
      ReplicaStore store,
      LocalReads reads,
      HintStore hints,
      Transport transport,
      Reachability reachability,
      Scheduler scheduler,
      Executor background,
      CoordinatorOptions options,
      WireCodec codec) {
    this.self = Objects.requireNonNull(self, "self");
    this.actor = actor;
    this.rings = rings;
    this.buckets = buckets;
    this.store = store;
    this.reads = reads;
    this.hints = hints;
    this.transport = transport;
    this.reachability = reachability;
    this.scheduler = scheduler;
    this.background = Objects.requireNonNull(background, "background");
    this.options = options;
    this.codec = codec;
  }

  /** Registers the handlers of forwarded client requests (a put sent on to a primary, a get). */
  public void registerWith(MessageHandlers handlers) {
    handlers.register(CoordinatePut.class, (from, put) -> put(put, false)
            .<WireMessage>thenApply(r -> new CoordinatePutReply(put.requestId(), r.outcome(), r.object(), r.detail()))
            // a refusal travels back typed, so the forwarding node answers it as such
            .exceptionally(e -> {
              Throwable cause = unwrap(e);
              if (cause instanceof ClientRefusal refusal) {
                return new ClientError(refusal.kind(), refusal.getMessage());
              }
              if (cause instanceof InsufficientStorageException full) {
                // nothing was written here: the forwarder tries the next primary
                return new ClientError(ClientError.Kind.INSUFFICIENT_STORAGE, full.getMessage());
              }
              throw e instanceof CompletionException c ? c : new CompletionException(e);
            }))
        .register(CoordinateGet.class, (from, get) -> get(get)
            .thenApply(r -> new CoordinateGetReply(get.requestId(), r.outcome(), r.object(), r.detail())));
  }

  /**
   * Coordinates (or forwards) a put.
   *
   * @throws IllegalArgumentException for requests that can never succeed (w above n, a value over
   *     the limit): the HTTP layer answers 400/413
   * @return the outcome; fails with {@link InsufficientStorageException} when no replica could
   *     take the write for lack of space (nothing was written anywhere)
   */
  public CompletableFuture<PutResult> put(CoordinatePut request) {
    return put(request, true);
  }

  /** @param mayHandOver whether a full local disk may hand the put to another primary (not for forwarded puts) */
  private CompletableFuture<PutResult> put(CoordinatePut request, boolean mayHandOver) {
    CompletableFuture<PutResult> answer = new CompletableFuture<>();
    synchronized (recentPuts) {
      CompletableFuture<PutResult> earlier = recentPuts.putIfAbsent(request.requestId(), answer);
      if (earlier != null) {
        return earlier; // the same request again: answered once, applied once
      }
    }
    try {
      putOnce(request, mayHandOver).whenComplete((r, e) -> {
        if (e != null) {
          answer.completeExceptionally(e);
        } else {
          answer.complete(r);
        }
      });
    } catch (RuntimeException e) {
      synchronized (recentPuts) {
        recentPuts.remove(request.requestId());
      }
      throw e;
    }
    return answer;
  }

  private CompletableFuture<PutResult> putOnce(CoordinatePut request, boolean mayHandOver) {
    BucketProps props = buckets.props(request.key().bucket());
    int w = request.w() == 0 ? props.w() : request.w();
    int pw = request.pw();
    checkQuorum("w", w, "pw", pw, props.n());
    if (request.value().size() > options.maxValueBytes()) {
      throw new ValueTooLargeRequestException(request.value().size(), options.maxValueBytes());
    }
    Duration timeout = timeoutOf(request.timeoutMillis());
    Placement placement = rings.placement();
    int partition = placement.partitionOf(request.key().bucket(), request.key().key());
    PreferenceList pl = placement.preferenceList(partition, props.n());
    long version = placement.ring().epoch();
    if (pl.primaries().contains(self)) {
      WritePlan plan = WritePlan.of(pl, self, reachability::isReachable, List.of(), version);
      Function<InsufficientStorageException, CompletableFuture<PutResult>> handOver = full -> {
        List<NodeId> others = reachablePrimaries(pl).stream().filter(p -> !p.equals(self)).toList();
        if (!mayHandOver || others.isEmpty()) {
          return CompletableFuture.failedFuture(full);
        }
        log.debug("local disk full; handing the put of {} over to {}", request.key(), others);
        return forward(request, pl, timeout, others.iterator(), () -> CompletableFuture.failedFuture(full));
      };
      return coordinate(request, props, plan, w, pw, timeout, handOver);
    }
    return forward(request, pl, timeout, reachablePrimaries(pl).iterator(), () -> {
      // every primary refused or is unreachable: they all count as missing here
      WritePlan plan = WritePlan.of(pl, self, n -> !pl.primaries().contains(n) && reachability.isReachable(n),
          List.of(), version);
      return coordinate(request, props, plan, w, pw, timeout, CompletableFuture::failedFuture);
    });
  }

  /**
   * Tries the reachable primaries in order; if none of them takes it, {@code exhausted} decides
   * (coordinate here, standing in for the primaries; or give up).
   */
  private CompletableFuture<PutResult> forward(
      CoordinatePut request, PreferenceList pl, Duration timeout, Iterator<NodeId> primaries,
      Supplier<CompletableFuture<PutResult>> exhausted) {
    if (!primaries.hasNext()) {
      return exhausted.get();
    }
    NodeId primary = primaries.next();
    return transport.request(primary, request, timeout)
        .handle((reply, error) -> {
          if (error == null && reply instanceof CoordinatePutReply r) {
            return CompletableFuture.completedFuture(new PutResult(r.outcome(), r.object(), r.detail()));
          }
          if (error == null && reply instanceof ClientError refused && refused.kind() == ClientError.Kind.INSUFFICIENT_STORAGE) {
            // its disk is full and nothing was written there: like an unreachable primary
            return forward(request, pl, timeout, primaries, exhausted);
          }
          if (error == null && reply instanceof ClientError refused) {
            // refused by the primary before anything was applied
            return CompletableFuture.<PutResult>failedFuture(new ClientRefusal(refused.kind(), refused.detail()));
          }
          if (unwrap(error) instanceof PeerUnavailableException) {
            return forward(request, pl, timeout, primaries, exhausted);
          }
          // it may have reached the primary and been applied there
          String why = error == null ? "unexpected reply " + reply.getClass().getSimpleName() : unwrap(error).getMessage();
          return CompletableFuture.completedFuture(
              new PutResult(QuorumOutcome.INDETERMINATE, StoredObject.empty(), "forwarded to " + primary + ": " + why));
        })
        .thenCompose(f -> f);
  }

  /**
   * Writes the local copy, minting the dot, then replicates it.
   *
   * @param onFull what to answer when the local disk refuses the write
   */
  private CompletableFuture<PutResult> coordinate(
      CoordinatePut request, BucketProps props, WritePlan plan, int w, int pw, Duration timeout,
      Function<InsufficientStorageException, CompletableFuture<PutResult>> onFull) {
    if (!plan.canMeet(w, pw)) {
      return CompletableFuture.completedFuture(new PutResult(QuorumOutcome.FAILED, StoredObject.empty(),
          plan.describeShortfall(w, pw)));
    }
    int partition = plan.partition();
    Supplier<StoredObject> localWrite =
        () -> store.write(partition, request.key(), actor, request.context(), request.value(), props.conflictMode());
    CompletableFuture<StoredObject> local;
    if (store.engine().writeMayBlock(partition)) {
      // the partition's map must be created or grown first: seconds, not for an event loop
      local = CompletableFuture.supplyAsync(localWrite, background);
    } else {
      try {
        local = CompletableFuture.completedFuture(localWrite.get());
      } catch (RuntimeException e) {
        local = CompletableFuture.failedFuture(e);
      }
    }
    return local.handle((written, error) -> {
      if (error == null) {
        return replicate(request, props, plan, w, pw, timeout, written);
      }
      Throwable cause = unwrap(error);
      if (cause instanceof InsufficientStorageException full) {
        return onFull.apply(full);
      }
      if (cause instanceof ValueTooLargeException tooLarge) {
        // Retrying cannot help and nothing was applied anywhere: the first copy is written here.
        return CompletableFuture.<PutResult>failedFuture(new ClientRefusal(ClientError.Kind.CONFLICT,
            "the siblings of " + request.key() + " together with this value would exceed storage.max-object-bytes ("
                + tooLarge.limit() + " bytes): read the key, resolve its siblings and write one value back with their"
                + " context"));
      }
      if (cause instanceof CausalHistoryFullException) {
        // nothing was stored, and this actor would refuse again: typed, so forwarding keeps the reason
        return CompletableFuture.<PutResult>failedFuture(
            new ClientRefusal(ClientError.Kind.INVALID, cause.getMessage(), ClientRequests.CAUSAL_HISTORY_FULL));
      }
      if (cause instanceof StorageException) {
        return CompletableFuture.completedFuture(new PutResult(QuorumOutcome.FAILED, StoredObject.empty(), cause.getMessage()));
      }
      return CompletableFuture.<PutResult>failedFuture(cause);
    }).thenCompose(f -> f);
  }

  /** Sends the locally written object to the other targets and decides the quorum. */
  private CompletableFuture<PutResult> replicate(
      CoordinatePut request, BucketProps props, WritePlan plan, int w, int pw, Duration timeout, StoredObject written) {
    int partition = plan.partition();
    for (NodeId primary : plan.hintedHere()) {
      keepHint(primary, partition, request.key(), written);
    }
    PutQuorum quorum = new PutQuorum(plan.targets(), w, pw);
    CompletableFuture<PutResult> result = new CompletableFuture<>();
    quorum.onAck(self);
    decide(quorum, result, written, q -> q.outcome());
    if (!result.isDone()) { // decided by the local write alone (w=1, or n=1), no deadline is needed
      Scheduler.Cancellable timer = scheduler.schedule(timeout, () -> decide(quorum, result, written, q -> q.onTimeout()));
      result.whenComplete((r, e) -> timer.cancel());
    }
    for (ReplicaTarget t : plan.targets()) {
      if (t.node().equals(self)) {
        continue;
      }
      ReplicaPut copy = new ReplicaPut(partition, request.key(), written, props.conflictMode(), t.hintFor());
      transport.request(t.node(), copy, timeout).whenComplete((reply, error) -> {
        boolean ok = acknowledged(reply, error);
        if (!ok) {
          // The failure detector may not have noticed yet (a node killed a moment ago): keep a
          // hint for the replica that missed the write, so handoff brings it when it is back.
          keepHint(t.hintFor().orElse(t.node()), partition, request.key(), written);
        }
        decide(quorum, result, written, q -> ok ? q.onAck(t.node()) : q.onFailure(t.node()));
      });
    }
    return result;
  }

  private static boolean acknowledged(WireMessage reply, Throwable error) {
    return error == null && reply instanceof ReplicaPutReply r && r.status() == ReplicaStatus.OK;
  }

  private static void decide(PutQuorum quorum, CompletableFuture<PutResult> result, StoredObject written,
      Function<PutQuorum, PutQuorum.Outcome> event) {
    PutQuorum.Outcome outcome;
    String detail;
    synchronized (quorum) {
      outcome = event.apply(quorum);
      // described only when it is reported: building the text on every reply showed in profiles
      detail = outcome == PutQuorum.Outcome.INDETERMINATE ? quorum.describe() : "";
    }
    switch (outcome) {
      case OK -> result.complete(PutResult.of(QuorumOutcome.OK, written, ""));
      case INDETERMINATE -> result.complete(PutResult.of(QuorumOutcome.INDETERMINATE, written,
          "the write reached " + detail + "; it may have applied and will propagate"));
      default -> { }
    }
  }

  private void keepHint(NodeId primary, int partition, BucketKey key, StoredObject object) {
    try {
      hints.add(primary, partition, key, codec.encode(object));
    } catch (StorageException e) {
      // the write is in this replica; anti-entropy repairs the primary if the hint cannot be kept
      log.warn("cannot keep a hint for {} ({}): {}", primary, key, e.getMessage());
    }
  }

  /** Coordinates a get; see {@link GetCoordination}. */
  public CompletableFuture<GetResult> get(CoordinateGet request) {
    BucketProps props = buckets.props(request.key().bucket());
    int r = request.r() == 0 ? props.r() : request.r();
    int pr = request.pr();
    checkQuorum("r", r, "pr", pr, props.n());
    Placement placement = rings.placement();
    int partition = placement.partitionOf(request.key().bucket(), request.key().key());
    PreferenceList pl = placement.preferenceList(partition, props.n());
    ReadPlan plan = ReadPlan.of(pl, self, reachability::isReachable, placement.ring().epoch());
    return new GetCoordination(self, reads, store, hints, codec, transport, scheduler, background, request.key(), props.conflictMode(),
            timeoutOf(request.timeoutMillis()), options.readRepairLinger())
        .run(plan, r, pr);
  }

  private List<NodeId> reachablePrimaries(PreferenceList pl) {
    List<NodeId> out = new ArrayList<>();
    for (NodeId p : pl.primaries()) {
      if (p.equals(self) || reachability.isReachable(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private Duration timeoutOf(long millis) {
    return millis == 0 ? options.requestTimeout() : Duration.ofMillis(millis);
  }

  private static void checkQuorum(String name, int value, String primaryName, int primaryValue, int n) {
    if (value < 1 || value > n) {
      throw new IllegalArgumentException(name + "=" + value + " must be between 1 and n=" + n);
    }
    if (primaryValue < 0 || primaryValue > value) {
      throw new IllegalArgumentException(primaryName + "=" + primaryValue + " must be between 0 and " + name + "=" + value);
    }
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
