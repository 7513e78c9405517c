package io.cairn.verification.sim;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.antientropy.AntiEntropy;
import io.cairn.node.antientropy.AntiEntropyOptions;
import io.cairn.node.antientropy.AntiEntropyService;
import io.cairn.node.antientropy.PartitionTrees;
import io.cairn.node.antientropy.TombstoneReaper;
import io.cairn.node.cluster.FailureDetector;
import io.cairn.node.cluster.PhiAccrualDetector;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.coordinator.Coordinator;
import io.cairn.node.coordinator.CoordinatorOptions;
import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.PutResult;
import io.cairn.node.coordinator.RequestRouter;
import io.cairn.node.handoff.HintedHandoff;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaService;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.memory.InMemoryEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated machine: its disk (an {@link InMemoryEngine}, an {@link InMemoryHintStore} and the
 * replica epoch, which outlive the process) and, while it runs, one incarnation of the node's core
 * wired as {@code NodeRuntime} wires it, minus Vert.x: the same coordinator, replica service,
 * hinted handoff, anti-entropy, tombstone reaper and failure detector, on simulated transport,
 * timers and clock.
 */
public final class SimNode {

  private static final int MAX_VALUE_BYTES = 1 << 20;

  private final NodeId id;
  private final SimScheduler sim;
  private final SimNetwork network;
  private final SimRandom random;
  private final SimSettings settings;
  private final WireCodec codec;
  private final Ring ring;
  private final List<NodeId> members;
  private final Map<String, BucketProps> bucketProps;
  private final HandlerWrapper handlerWrapper;
  private final SimClock clock;
  private int incarnations;

  // the disk
  private InMemoryEngine engine;
  private InMemoryHintStore hints;
  /** 0: no identity file (new or lost disk). */
  private long epoch;
  /** The dot lease bound on the simulated disk (see storage's DotLease). */
  private long dotLeaseBound = 1;
  private static final long DOT_LEASE_BLOCK = 1L << 40;

  // the running process
  private Incarnation life;
  private Coordinator coordinator;
  private ReplicaStore store;
  private BucketRegistry buckets;

  SimNode(NodeId id, SimScheduler sim, SimNetwork network, SimRandom random, SimSettings settings, WireCodec codec,
      Ring ring, List<NodeId> members, Map<String, BucketProps> bucketProps, HandlerWrapper handlerWrapper) {
    this.id = id;
    this.sim = sim;
    this.network = network;
    this.random = random;
    this.settings = settings;
    this.codec = codec;
    this.ring = ring;
    this.members = members;
    this.bucketProps = bucketProps;
    this.handlerWrapper = handlerWrapper;
    this.clock = new SimClock(sim);
    this.engine = new InMemoryEngine(MAX_VALUE_BYTES, settings.durability());
    this.hints = newHintStore();
  }

  public NodeId id() {
    return id;
  }

  public SimClock clock() {
    return clock;
  }

  public boolean running() {
    return life != null && life.alive();
  }

  public long epoch() {
    return epoch;
  }

  private InMemoryHintStore newHintStore() {
    return new InMemoryHintStore(new HintStoreConfig(1 << 24, MAX_VALUE_BYTES, 1000, 1024),
        (a, b) -> codec.encode(codec.decode(a, StoredObject.class).merge(codec.decode(b, StoredObject.class), ConflictMode.SIBLINGS)),
        clock);
  }

  /** Starts a new incarnation on what the disk holds. */
  public void start() {
    if (running()) {
      return;
    }
    if (epoch == 0) {
      // as ReplicaIdentityStore: a new identity takes max(previous + 1, wall clock), previous unknown
      epoch = Math.max(1, clock.millis());
    }
    life = new Incarnation(id.value(), ++incarnations);
    SimNodeScheduler scheduler = new SimNodeScheduler(sim, life, random.split());
    Transport transport = network.attach(id, life);
    RingHolder rings = new RingHolder(ring);
    long incarnation = clock.millis();
    FailureDetector detector = new FailureDetector(id, incarnation,
        new PhiAccrualDetector(8, 1000, Math.max(1, settings.heartbeatMs() / 10), settings.heartbeatMs()),
        transport, () -> members, clock::monotonicMillis, clock::millis, Duration.ofMillis(settings.heartbeatMs()));
    buckets = new BucketRegistry(BucketProps.DEFAULT, members::size);
    // bucket properties are set on every node by the operator; the node does not persist them
    bucketProps.forEach(buckets::set);
    PartitionTrees trees = new PartitionTrees(settings.leafCount());
    trees.rebuildAll(engine);
    // the dot lease, as storage's DotLease: each incarnation starts above everything handed out
    // before (the bound is on the simulated disk, durably, whatever the durability mode)
    long[] dots = {dotLeaseBound};
    dotLeaseBound += DOT_LEASE_BLOCK;
    long leaseEnd = dotLeaseBound;
    store = new ReplicaStore(engine, codec, trees, () -> {
      if (dots[0] >= leaseEnd) {
        throw new IllegalStateException("dot lease exhausted in one incarnation");
      }
      return dots[0]++;
    });
    Actor actor = new Actor(id, epoch);
    Duration timeout = Duration.ofMillis(settings.requestTimeoutMs());
    coordinator = new Coordinator(id, () -> actor, rings, buckets, store, hints, transport, detector, scheduler,
        new CoordinatorOptions(timeout, Duration.ofMillis(settings.lingerMs()), MAX_VALUE_BYTES), codec);
    transport.onRequest(handlerWrapper.wrap(new RequestRouter(new ReplicaService(store, hints, codec), coordinator,
        detector::onHeartbeat, new AntiEntropyService(trees, engine, scheduler)), store));
    detector.start(scheduler);
    HintedHandoff handoff = new HintedHandoff(hints, transport, detector, buckets, codec, 256, timeout);
    scheduler.every(Duration.ofMillis(settings.hintIntervalMs()), handoff::deliverRound);
    AntiEntropy antiEntropy = new AntiEntropy(id, rings, buckets, trees, store, transport, detector, codec, clock,
        new AntiEntropyOptions(timeout, 1000, 8 << 20), new MetricRegistry(), () -> false, scheduler);
    antiEntropy.start(scheduler, Duration.ofMillis(settings.antiEntropyIntervalMs()));
    scheduler.every(Duration.ofMillis(settings.reapIntervalMs()), () -> scheduler.execute(antiEntropy::verifyNext));
    TombstoneReaper reaper = new TombstoneReaper(id, rings, buckets, store, hints, transport, detector, codec, clock,
        Duration.ofMillis(settings.tombstoneGraceMs()), timeout, 1000);
    scheduler.every(Duration.ofMillis(settings.reapIntervalMs()), () -> scheduler.execute(reaper::reapRound));
  }

  /** Takes the node down; its disk keeps what {@code kind} leaves. Returns whether data may be lost. */
  public boolean crash(CrashKind kind) {
    if (life != null) {
      life.die();
    }
    coordinator = null;
    store = null;
    boolean lost = false;
    switch (kind) {
      case PROCESS -> {
        engine = engine.afterProcessCrash();
        hints = hints.afterProcessCrash();
      }
      case POWER -> {
        engine = engine.afterPowerLoss();
        hints = hints.afterProcessCrash();
        // like ChronicleMapEngine.mayHaveLostWrites: an mmap store after a power loss takes a new epoch
        if (settings.durability() == Durability.MMAP) {
          epoch = Math.max(epoch + 1, clock.millis());
          lost = true;
        }
      }
      case DISK -> {
        engine.close();
        hints.close();
        engine = InMemoryEngine.afterDiskLoss(MAX_VALUE_BYTES, settings.durability());
        hints = newHintStore();
        epoch = 0;
        dotLeaseBound = 1; // lost with the disk; the new epoch makes a new actor
        lost = true;
      }
    }
    return lost;
  }

  /** The kernel writes dirty pages back (what survives a power loss in mmap mode). */
  void writeBack() {
    engine.writeBack();
  }

  /** A client's get, coordinated here (as the HTTP API does). */
  public CompletableFuture<GetResult> get(BucketKey key, int r) {
    if (!running()) {
      return CompletableFuture.failedFuture(new PeerUnavailableException(id + " refused the connection"));
    }
    return coordinator.get(new CoordinateGet(RequestId.random(random.generator()), key, r, 0, 0));
  }

  /** A client's put (or delete), coordinated here; the value is stamped with this node's clock. */
  public CompletableFuture<PutResult> put(BucketKey key, VersionVector context, byte[] value, boolean delete) {
    if (!running()) {
      return CompletableFuture.failedFuture(new PeerUnavailableException(id + " refused the connection"));
    }
    long now = clock.millis();
    Sibling sibling = delete ? Sibling.tombstone(now) : Sibling.of(value, "text/plain", now);
    try {
      return coordinator.put(new CoordinatePut(RequestId.random(random.generator()), key, context, sibling, 0, 0, 0));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * This node's own copy of the key, as {@code GET ?local=true} answers: the replica (if a primary)
   * merged with any hints it keeps for it; empty if it holds neither.
   */
  public Optional<StoredObject> localCopy(BucketKey key) {
    int partition = new Partitioner(ring.partitionCount()).partitionOf(key.bucket(), key.key());
    BucketProps props = bucketProps.getOrDefault(key.bucket(), BucketProps.DEFAULT);
    boolean holds = ring.preferenceList(partition, props.n()).primaries().contains(id);
    StoredObject copy = StoredObject.empty();
    if (holds) {
      copy = new ReplicaStore(engine, codec).get(partition, key);
    }
    for (NodeId target : hints.targets()) {
      var hint = hints.get(target, partition, key);
      if (hint.isPresent()) {
        holds = true;
        copy = copy.merge(codec.decode(hint.get().object(), StoredObject.class), props.conflictMode());
      }
    }
    return holds ? Optional.of(copy) : Optional.empty();
  }
}
