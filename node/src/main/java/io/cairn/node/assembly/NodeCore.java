package io.cairn.node.assembly;

import io.cairn.node.antientropy.AntiEntropy;
import io.cairn.node.antientropy.AntiEntropyOptions;
import io.cairn.node.antientropy.AntiEntropyService;
import io.cairn.node.antientropy.PartitionTrees;
import io.cairn.node.antientropy.TombstoneReaper;
import io.cairn.node.cluster.FailureDetector;
import io.cairn.node.cluster.InboundChecks;
import io.cairn.node.cluster.ObservedTransport;
import io.cairn.node.cluster.PhiAccrualDetector;
import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.cluster.TimeoutSuspicion;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.coordinator.ClientRequests;
import io.cairn.node.coordinator.Coordinator;
import io.cairn.node.coordinator.CoordinatorOptions;
import io.cairn.node.core.Metrics;
import io.cairn.node.core.Scheduler;
import io.cairn.node.handoff.HintedHandoff;
import io.cairn.node.net.MessageHandlers;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.LocalReads;
import io.cairn.node.replica.ReplicaService;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.identity.DotLease;
import io.cairn.storage.identity.ReplicaIdentity;
import io.cairn.storage.identity.ReplicaIdentityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's core, assembled once from its {@link NodePorts}: the replica identity (a new epoch when
 * data may be lost), the replica store with its Merkle trees and dot lease, the coordinator, the
 * replica, anti-entropy and heartbeat handlers, hinted handoff, anti-entropy, the tombstone reaper,
 * the failure detector and the client front door. {@code NodeRuntime} builds it on Vert.x and
 * Chronicle Map; the simulator builds the very same class on its simulated ports, so every rule here
 * is the rule the simulator checks.
 */
public final class NodeCore {

  private static final Logger log = LoggerFactory.getLogger(NodeCore.class);
  private static final int HINT_BATCH = 256;
  private static final int REAP_BATCH = 1000;
  private static final int TIMEOUTS_TO_SUSPECT = 2;

  private final NodePorts ports;
  private final NodeOptions options;
  private final WireCodec codec;
  /** Replaced (with a new epoch) when storage finds a corrupt copy while the node runs. */
  private volatile ReplicaIdentity identity;
  /** The storage checksum failures the current epoch already accounts for. */
  private long failuresAtEpoch;
  private final RingHolder rings;
  private final BucketRegistry buckets;
  private final PartitionTrees trees;
  private final ReplicaStore store;
  private final LocalReads reads;
  private final FailureDetector detector;
  private final TimeoutSuspicion suspicion;
  private final Reachability reachability;
  private final Coordinator coordinator;
  private final MessageHandlers handlers = new MessageHandlers();
  private final HintedHandoff handoff;
  private final AntiEntropy antiEntropy;
  private final TombstoneReaper reaper;
  private final ClientRequests clientRequests;
  private final List<Scheduler.Cancellable> tasks = new ArrayList<>();

  /**
   * @param tokens the front door's context tokens, keyed by the cluster secret; the simulator, which
   *     drives the coordinator below the front door, never has them used
   */
  public NodeCore(NodePorts ports, NodeOptions options, WireCodec codec, ContextTokens tokens) {
    this.ports = ports;
    this.options = options;
    this.codec = codec;
    NodeId self = ports.self();
    // anti-entropy's trees live in memory: rebuilt from storage before the node serves. The rebuild
    // reads every stored object, so it also finds every copy that rotted while the node was down
    trees = new PartitionTrees(options.leafCount());
    trees.rebuildAll(ports.engine());
    // the KV679 guard: a node that may have lost acknowledged writes becomes a new actor, so its
    // new writes are never mistaken for history its peers have already seen. A dropped corrupt copy
    // is such a loss: a new dot of the old actor on that key would claim to have seen the lost one
    boolean dataLost = ports.engine().mayHaveLostWrites() || ports.storageReplaced()
        || ports.engine().checksumFailures() > 0;
    identity = ReplicaIdentityStore.open(ports.identity(), self, ports.clock(), dataLost);
    log.info("node {} runs with replica epoch {}{}", self, identity.epoch(), dataLost ? " (new: local data was lost)" : "");
    failuresAtEpoch = ports.engine().checksumFailures();
    rings = new RingHolder(ports.ring());
    buckets = new BucketRegistry(options.bucketDefaults(), () -> rings.ring().members().size());
    store = new ReplicaStore(ports.engine(), codec, trees, DotLease.open(ports.dotLease()));
    reads = new LocalReads(store, ports.hints(), codec, bucket -> buckets.props(bucket).conflictMode());
    long incarnation = ports.clock().millis();
    detector = new FailureDetector(self, incarnation,
        new PhiAccrualDetector(options.phiThreshold(), options.phiWindow(), options.phiMinStdDevMs(),
            options.heartbeat().toMillis(), options.phiMaxIntervalMs()),
        ports.transport(), this::peers, ports.monotonicMillis(), ports.clock()::millis, options.heartbeat());
    // a peer whose requests keep timing out is routed around before phi convicts it; heartbeats do
    // not clear that (an overloaded peer may still answer them), a real reply or probation does
    suspicion = new TimeoutSuspicion(ports.reachability().apply(detector), TIMEOUTS_TO_SUSPECT,
        options.requestTimeout().multipliedBy(2), ports.monotonicMillis());
    reachability = suspicion;
    Transport transport = new ObservedTransport(ports.transport(), suspicion);
    coordinator = new Coordinator(self, this::actor, rings, buckets, store, reads, ports.hints(), transport,
        reachability, ports.scheduler(), ports.background(),
        new CoordinatorOptions(options.requestTimeout(), options.readRepairLinger(), options.maxValueBytes()), codec);
    clientRequests = new ClientRequests(coordinator, tokens, options.maxKeyBytes(), options.maxClientRequests(), ports.clock(),
        ports.random(), ports.metrics());
    handoff = new HintedHandoff(ports.hints(), transport, reachability, buckets, codec, HINT_BATCH,
        options.requestTimeout());
    int busyAbove = Math.max(1, options.maxClientRequests() / 2);
    antiEntropy = new AntiEntropy(self, rings, buckets, trees, store, transport, reachability, codec, ports.clock(),
        new AntiEntropyOptions(options.requestTimeout(), options.maxKeysPerExchange(), options.maxBytesPerExchange()),
        ports.metrics(), () -> clientRequests.inFlight() > busyAbove, ports.background());
    reaper = new TombstoneReaper(self, rings, buckets, store, ports.hints(), transport, reachability, codec,
        ports.clock(), options.tombstoneGrace(), options.requestTimeout(), REAP_BATCH, ports.background());

    coordinator.registerWith(handlers);
    InboundChecks checks = new InboundChecks(rings);
    new ReplicaService(store, ports.hints(), codec, reads, checks, ports.background()).registerWith(handlers);
    new AntiEntropyService(trees, ports.engine(), ports.background(), checks).registerWith(handlers);
    handlers.register(Heartbeat.class, (from, beat) -> detector.onHeartbeat(beat));
    ports.transport().onRequest(handlers);
    registerGauges();
  }

  /**
   * The actor new dots are minted under. If storage dropped a corrupt copy since the epoch was
   * taken, the node first takes a new epoch (durably): a dot of the old actor on that key would
   * claim to have seen the dots of the lost copy, and merging would drop them everywhere (KV679).
   * Asked for after the key's stored copy was read (see {@link ReplicaStore#write}), so a write that
   * itself finds the corruption is minted under the new actor.
   */
  private synchronized Actor actor() {
    long failures = ports.engine().checksumFailures();
    if (failures > failuresAtEpoch) {
      identity = ReplicaIdentityStore.open(ports.identity(), ports.self(), ports.clock(), true);
      failuresAtEpoch = failures;
      log.warn("node {} takes replica epoch {}: storage dropped {} corrupt copies since the last epoch was taken",
          ports.self(), identity.epoch(), failures);
    }
    return identity.actor();
  }

  /** The merge of two hints for one key (the hint store keeps one hint per key and target). */
  public static BinaryOperator<byte[]> hintMerge(WireCodec codec) {
    return (a, b) -> codec.encode(
        codec.decode(a, StoredObject.class).merge(codec.decode(b, StoredObject.class), ConflictMode.SIBLINGS));
  }

  /** Starts the periodic work: heartbeats, hint delivery, anti-entropy, tree checks, reaping. */
  public NodeCore start() {
    Scheduler scheduler = ports.scheduler();
    tasks.add(detector.start(scheduler));
    if (!options.hintDelivery().isZero()) {
      tasks.add(scheduler.every(options.hintDelivery(), handoff::deliverRound));
    }
    tasks.add(antiEntropy.start(scheduler, options.antiEntropyInterval()));
    // verify one partition's tree against storage per reap interval, round-robin
    tasks.add(scheduler.every(options.reapInterval(), () -> ports.background().execute(antiEntropy::verifyNext)));
    Metrics.Counter reaped = ports.metrics().counter("cairn.antientropy.tombstones_reaped");
    tasks.add(scheduler.every(options.reapInterval(),
        () -> ports.background().execute(() -> reaper.reapRound().thenAccept(reaped::inc))));
    return this;
  }

  /** Stops the periodic work (the ports are the caller's to close). */
  public void stop() {
    tasks.forEach(Scheduler.Cancellable::cancel);
    tasks.clear();
  }

  private List<NodeId> peers() {
    return rings.ring().members().stream().map(Member::id).toList();
  }

  private void registerGauges() {
    Metrics m = ports.metrics();
    m.gauge("cairn.hints.pending", ports.hints()::pendingCount);
    m.gauge("cairn.hints.pending_bytes", ports.hints()::pendingBytes);
    m.gauge("cairn.hints.oldest_age_seconds", () -> {
      var oldest = ports.hints().oldestCreatedAtMillis();
      return oldest.isPresent() ? (ports.clock().millis() - oldest.getAsLong()) / 1000 : 0L;
    });
    m.gauge("cairn.replica.epoch", () -> identity.epoch());
    // stored objects and hints found corrupt (dropped, read as missing, repaired from the replicas)
    m.gauge("cairn.storage.checksum_failures", ports.engine()::checksumFailures);
    m.gauge("cairn.hints.checksum_failures", ports.hints()::checksumFailures);
  }

  /**
   * This node's own copy of the key, as {@code GET ?local=true} shows it: the replica (if this node
   * is a primary) merged with the hints it keeps for the key; empty if it holds neither.
   */
  public Optional<StoredObject> localCopy(BucketKey key) {
    var placement = rings.placement();
    int partition = placement.partitionOf(key.bucket(), key.key());
    boolean primary = placement.preferenceList(partition, buckets.props(key.bucket()).n()).primaries().contains(ports.self());
    return reads.held(partition, key, primary);
  }

  /** One round of hint delivery, now (tests and operators; the node also runs it periodically). */
  public CompletableFuture<Integer> deliverHints() {
    return handoff.deliverRound();
  }

  public NodeId self() {
    return ports.self();
  }

  public ReplicaIdentity identity() {
    return identity;
  }

  public RingHolder rings() {
    return rings;
  }

  public BucketRegistry buckets() {
    return buckets;
  }

  public Coordinator coordinator() {
    return coordinator;
  }

  public ClientRequests clientRequests() {
    return clientRequests;
  }

  public ReplicaStore store() {
    return store;
  }

  public FailureDetector detector() {
    return detector;
  }

  public TimeoutSuspicion suspicion() {
    return suspicion;
  }

  /** Whom this node believes it can reach: what requests are routed by. */
  public Reachability reachability() {
    return reachability;
  }

  public PartitionTrees trees() {
    return trees;
  }

  public TombstoneReaper reaper() {
    return reaper;
  }

  public AntiEntropy antiEntropy() {
    return antiEntropy;
  }

  /** The internode message table (a simulator's negative control wraps a handler here). */
  public MessageHandlers handlers() {
    return handlers;
  }

  public NodePorts ports() {
    return ports;
  }

  public NodeOptions options() {
    return options;
  }
}
