package io.cairn.verification.sim;

import io.cairn.node.cluster.PhiAccrualDetector;
import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.PutResult;
import io.cairn.node.core.Metrics;
import io.cairn.node.assembly.NodeCore;
import io.cairn.node.assembly.NodeOptions;
import io.cairn.node.assembly.NodePorts;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.LocalReads;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.identity.DurableCell;
import io.cairn.storage.identity.ReplicaIdentityStore;
import io.cairn.storage.memory.InMemoryEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated machine: its disk (an {@link InMemoryEngine}, an {@link InMemoryHintStore}, the
 * replica identity and the dot lease, which outlive the process) and, while it runs, one
 * incarnation of the node's {@link NodeCore} — the very class a real node runs — on simulated
 * transport, timers and clock. Nothing of the node's logic is re-implemented here: the epoch rule,
 * the dot lease, the hint merge and local reads are the core's own.
 */
public final class SimNode {

  private static final int MAX_VALUE_BYTES = 1 << 20;
  /**
   * The simulator drives the coordinator below the client front door, so the front door's context
   * tokens are never used here; the core still needs a key for them.
   */
  private static final ContextTokens FRONT_DOOR_TOKENS =
      ContextTokens.forClusterSecret("simulated clusters have no clients at the front door".getBytes(StandardCharsets.US_ASCII));

  private final NodeId id;
  private final SimScheduler sim;
  private final SimNetwork network;
  private final SimRandom random;
  private final SimSettings settings;
  private final WireCodec codec;
  private final Ring ring;
  private final Map<String, BucketProps> bucketProps;
  private final HandlerWrapper handlerWrapper;
  private final SimClock clock;
  private final boolean verifyChecksums;
  /** Which stored values rot, and how: its own stream, so rot does not shift other decisions. */
  private final SimRandom rot;
  private int rotten;
  private int incarnations;

  // the disk
  private InMemoryEngine engine;
  private InMemoryHintStore hints;
  private DurableCell identity;
  private DurableCell dotLease;

  // the running process
  private Incarnation life;
  private NodeCore core;

  SimNode(NodeId id, SimScheduler sim, SimNetwork network, SimRandom random, SimSettings settings, WireCodec codec,
      Ring ring, Map<String, BucketProps> bucketProps, HandlerWrapper handlerWrapper, boolean verifyChecksums) {
    this.id = id;
    this.sim = sim;
    this.network = network;
    this.random = random;
    this.settings = settings;
    this.codec = codec;
    this.ring = ring;
    this.bucketProps = bucketProps;
    this.handlerWrapper = handlerWrapper;
    this.clock = new SimClock(sim);
    this.verifyChecksums = verifyChecksums;
    this.rot = random.split();
    this.engine = newEngine();
    this.hints = newHintStore();
    newDisk();
  }

  private InMemoryEngine newEngine() {
    return verifyChecksums
        ? InMemoryEngine.afterDiskLoss(MAX_VALUE_BYTES, settings.durability())
        : InMemoryEngine.withoutVerification(MAX_VALUE_BYTES, settings.durability());
  }

  private void newDisk() {
    identity = DurableCell.memory(id + "/identity.properties");
    dotLease = DurableCell.memory(id + "/dot-lease");
  }

  /** This machine's disk as it is now (read-only use: the simulator's bounds measure it). */
  InMemoryEngine engine() {
    return engine;
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

  /** The replica epoch on the disk (0 if there is no identity yet). */
  public long epoch() {
    return ReplicaIdentityStore.read(identity).map(i -> i.epoch()).orElse(0L);
  }

  /** The running core (a test proves the simulator drives the node's own class). */
  public NodeCore core() {
    return core;
  }

  private InMemoryHintStore newHintStore() {
    return new InMemoryHintStore(new HintStoreConfig(1 << 24, MAX_VALUE_BYTES, 1000, 1024), NodeCore.hintMerge(codec),
        clock);
  }

  private NodeOptions options() {
    long heartbeat = settings.heartbeatMs();
    return new NodeOptions(BucketProps.DEFAULT, Duration.ofMillis(settings.requestTimeoutMs()),
        Duration.ofMillis(settings.lingerMs()), 1024, MAX_VALUE_BYTES, 1024, Duration.ofMillis(heartbeat), 8, 1000,
        Math.max(1, heartbeat / 10), PhiAccrualDetector.defaultMaxIntervalMillis(heartbeat), Duration.ofMillis(settings.hintIntervalMs()), settings.leafCount(),
        Duration.ofMillis(settings.antiEntropyIntervalMs()), 1000, 8 << 20, Duration.ofMillis(settings.reapIntervalMs()),
        Duration.ofMillis(settings.tombstoneGraceMs()));
  }

  /** Starts a new incarnation on what the disk holds. */
  public void start() {
    if (running()) {
      return;
    }
    life = new Incarnation(id.value(), ++incarnations);
    SimNodeScheduler scheduler = new SimNodeScheduler(sim, life, random.split());
    Transport transport = network.attach(id, life);
    core = new NodeCore(new NodePorts(id, clock, clock::monotonicMillis, transport, scheduler, scheduler, engine, hints,
        identity, dotLease, false, ring, random.split().generator(), Metrics.counting(), detector -> detector),
        options(), codec, FRONT_DOOR_TOKENS);
    // bucket properties are set on every node by the operator; the node does not persist them
    bucketProps.forEach(core.buckets()::set);
    transport.onRequest(handlerWrapper.wrap(core.handlers(), core.store()));
    core.start();
  }

  /** Takes the node down; its disk keeps what {@code kind} leaves. */
  public void crash(CrashKind kind) {
    if (life != null) {
      life.die();
    }
    core = null;
    switch (kind) {
      case PROCESS -> {
        engine = engine.afterProcessCrash();
        hints = hints.afterProcessCrash();
      }
      case POWER -> {
        // in mmap mode the engine then says it may have lost writes, and the core takes a new epoch
        engine = engine.afterPowerLoss();
        hints = hints.afterProcessCrash();
      }
      case DISK -> {
        engine.close();
        hints.close();
        engine = newEngine();
        hints = newHintStore();
        newDisk(); // identity and dot lease go with the disk: a new epoch makes a new actor
      }
      case BIT_ROT -> {
        engine = engine.afterProcessCrash();
        hints = hints.afterProcessCrash();
        rotSomeValues();
      }
    }
  }

  /** Damages some stored values of the running node (bit rot under a live process); returns how many. */
  int rotWhileRunning() {
    int before = rotten;
    rotSomeValues();
    return rotten - before;
  }

  /** Stored values bit-rot faults damaged on this node so far. */
  public int rottenValues() {
    return rotten;
  }

  /** Stored objects this node's storage found corrupt (and dropped) in its current incarnation. */
  public long checksumFailures() {
    return engine.checksumFailures();
  }

  /**
   * Damages about a third of the stored values (at least one if any is stored). A digit of the
   * object is changed into another digit where there is one, so that, unchecked, it would still
   * decode into a plausible but never-written value: the worst kind of rot.
   */
  private void rotSomeValues() {
    List<Map.Entry<Integer, BucketKey>> stored = new ArrayList<>();
    for (int p : engine.partitions()) {
      try (PartitionScan scan = engine.scan(p)) {
        scan.forEachRemaining(e -> stored.add(Map.entry(p, e.key())));
      }
    }
    // a fixed order: which values rot depends on the seed only
    stored.sort(Comparator.<Map.Entry<Integer, BucketKey>>comparingInt(Map.Entry::getKey)
        .thenComparing(e -> e.getValue().bucket()).thenComparing(e -> e.getValue().key()));
    int first = stored.isEmpty() ? -1 : rot.nextInt(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      if (i == first || rot.chance(0.3)) {
        Map.Entry<Integer, BucketKey> e = stored.get(i);
        if (engine.damage(e.getKey(), e.getValue(), this::flipOneDigit)) {
          rotten++;
        }
      }
    }
  }

  private byte[] flipOneDigit(byte[] bytes) {
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] >= '0' && bytes[i] <= '9') {
        digits.add(i);
      }
    }
    int at = digits.isEmpty() ? rot.nextInt(bytes.length) : digits.get(rot.nextInt(digits.size()));
    bytes[at] ^= 0x01; // '0'..'9' stay digits
    return bytes;
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
    return core.coordinator().get(new CoordinateGet(RequestId.random(random.generator()), key, r, 0, 0));
  }

  /** A client's put (or delete), coordinated here; the value is stamped with this node's clock. */
  public CompletableFuture<PutResult> put(BucketKey key, VersionVector context, byte[] value, boolean delete) {
    if (!running()) {
      return CompletableFuture.failedFuture(new PeerUnavailableException(id + " refused the connection"));
    }
    long now = clock.millis();
    Sibling sibling = delete ? Sibling.tombstone(now) : Sibling.of(value, "text/plain", now);
    try {
      return core.coordinator().put(new CoordinatePut(RequestId.random(random.generator()), key, context, sibling, 0, 0, 0));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * This node's own copy of the key, as {@code GET ?local=true} answers: the replica (if a primary)
   * merged with any hints it keeps for it; empty if it holds neither. Read from the disk, so a
   * crashed node's copy can be looked at too.
   */
  public Optional<StoredObject> localCopy(BucketKey key) {
    if (core != null) {
      return core.localCopy(key);
    }
    int partition = new Partitioner(ring.partitionCount()).partitionOf(key.bucket(), key.key());
    BucketProps props = bucketProps.getOrDefault(key.bucket(), BucketProps.DEFAULT);
    boolean primary = ring.preferenceList(partition, props.n()).primaries().contains(id);
    return new LocalReads(new ReplicaStore(engine, codec), hints, codec,
        bucket -> bucketProps.getOrDefault(bucket, BucketProps.DEFAULT).conflictMode())
        .held(partition, key, primary);
  }
}
