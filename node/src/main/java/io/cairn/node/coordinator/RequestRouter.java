package io.cairn.node.coordinator;

import io.cairn.node.net.RequestHandler;
import io.cairn.node.replica.ReplicaService;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinateGetReply;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.CoordinatePutReply;
import io.cairn.protocol.wire.WireMessage;
import java.util.concurrent.CompletableFuture;

/** Dispatches an incoming internode request to the replica service or the coordinator. */
public final class RequestRouter implements RequestHandler {

  private final ReplicaService replicas;
  private final Coordinator coordinator;
  private final java.util.function.Function<io.cairn.protocol.wire.Heartbeat, CompletableFuture<WireMessage>> heartbeats;
  private final io.cairn.node.antientropy.AntiEntropyService antiEntropy;

  /** Heartbeats are echoed; anti-entropy requests are not served. */
  public RequestRouter(ReplicaService replicas, Coordinator coordinator) {
    this(replicas, coordinator, beat -> CompletableFuture.completedFuture(beat), null);
  }

  /**
   * @param heartbeats the failure detector's handler
   * @param antiEntropy answers exchanges from peers (null: not served)
   */
  public RequestRouter(ReplicaService replicas, Coordinator coordinator,
      java.util.function.Function<io.cairn.protocol.wire.Heartbeat, CompletableFuture<WireMessage>> heartbeats,
      io.cairn.node.antientropy.AntiEntropyService antiEntropy) {
    this.replicas = replicas;
    this.coordinator = coordinator;
    this.heartbeats = heartbeats;
    this.antiEntropy = antiEntropy;
  }

  @Override
  public CompletableFuture<WireMessage> handle(NodeId from, WireMessage request) {
    if (antiEntropy != null && antiEntropy.handles(request)) {
      return antiEntropy.handleAsync(request);
    }
    if (request instanceof io.cairn.protocol.wire.Heartbeat beat) {
      return heartbeats.apply(beat);
    }
    if (request instanceof CoordinatePut put) {
      return coordinator.put(put).thenApply(r -> new CoordinatePutReply(put.requestId(), r.outcome(), r.object(), r.detail()));
    }
    if (request instanceof CoordinateGet get) {
      return coordinator.get(get).thenApply(r -> new CoordinateGetReply(get.requestId(), r.outcome(), r.object(), r.detail()));
    }
    return replicas.handle(from, request).orElseGet(() -> CompletableFuture.failedFuture(
        new IllegalArgumentException("no handler for " + request.getClass().getSimpleName())));
  }
}
