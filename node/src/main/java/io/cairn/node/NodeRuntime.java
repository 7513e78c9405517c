package io.cairn.node;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.cairn.node.antientropy.AntiEntropy;
import io.cairn.node.antientropy.AntiEntropyOptions;
import io.cairn.node.antientropy.AntiEntropyService;
import io.cairn.node.antientropy.PartitionTrees;
import io.cairn.node.antientropy.TombstoneReaper;
import io.cairn.node.cluster.FailureDetector;
import io.cairn.node.cluster.PhiAccrualDetector;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.config.MemberConfig;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.coordinator.ClientRequests;
import io.cairn.node.coordinator.Coordinator;
import io.cairn.node.coordinator.CoordinatorOptions;
import io.cairn.node.coordinator.RequestRouter;
import io.cairn.node.core.LockedRandom;
import io.cairn.node.handoff.HintedHandoff;
import io.cairn.node.http.HttpApi;
import io.cairn.node.http.HttpDeps;
import io.cairn.node.net.vertx.ClientPort;
import io.cairn.node.net.vertx.TransportOptions;
import io.cairn.node.net.vertx.VertxTransport;
import io.cairn.node.replica.ReplicaService;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.node.vertx.VertxScheduler;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.hint.ChronicleHintStore;
import io.cairn.storage.identity.ReplicaIdentity;
import io.cairn.storage.identity.DotLease;
import io.cairn.storage.identity.ReplicaIdentityStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: opens storage, the hint store and the replica identity, then wires the core
 * (coordinator, replica service, hinted handoff, failure detector) to the Vert.x adapters
 * (internode transport, HTTP API). The only place that knows every part; everything else gets
 * what it needs passed in.
 */
public final class NodeRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

  private final NodeConfig config;
  private final ChronicleMapEngine engine;
  private final ChronicleHintStore hints;
  private final Vertx vertx;
  private final java.util.concurrent.ExecutorService background;
  private final VertxTransport transport;
  private final HttpApi http;
  private final ClientPort clientPort;
  private final ReplicaIdentity identity;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final int httpPort;
  private final int internodePort;
  private final int binaryPort;

  private NodeRuntime(NodeConfig config, Clock clock) throws Exception {
    this.config = config;
    NodeId self = config.node().id();
    Path dataDir = config.node().dataDir();
    Files.createDirectories(dataDir);
    WireCodec codec = new WireCodec();

    // storage first: whether it may have lost writes decides the replica epoch (the KV679 guard)
    boolean storageExisted = Files.isDirectory(config.storageDirectory());
    boolean identityExisted = ReplicaIdentityStore.read(dataDir).isPresent();
    engine = ChronicleMapEngine.open(config.toStorageConfig());
    boolean dataLost = engine.mayHaveLostWrites() || (identityExisted && !storageExisted);
    identity = ReplicaIdentityStore.open(dataDir, self, clock, dataLost);
    hints = ChronicleHintStore.open(dataDir.resolve("hints"), config.toHintStoreConfig(),
        (a, b) -> codec.encode(codec.decode(a, StoredObject.class).merge(codec.decode(b, StoredObject.class), ConflictMode.SIBLINGS)),
        clock);
    log.info("node {} starting with replica epoch {}{}", self, identity.epoch(), dataLost ? " (new: local data was lost)" : "");

    // Linux epoll when its native library loads (fewer syscalls and no selector garbage per wake-up
    // than NIO); Vert.x falls back to NIO by itself elsewhere
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    log.info("network transport: {}", vertx.isNativeTransportEnabled() ? "native epoll"
        : "NIO (native transport unavailable: " + vertx.unavailableNativeTransportCause() + ")");
    // partition scans (anti-entropy listings, tree checks, reaping) run here, never on an event loop
    background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cairn-background");
      t.setDaemon(true);
      return t;
    });
    Ring ring = new Claim().claim(config.ringMembers(), config.cluster().partitions());
    RingHolder rings = new RingHolder(ring);
    Map<NodeId, InetSocketAddress> addresses = config.cluster().members().stream()
        .collect(Collectors.toMap(MemberConfig::id, m -> new InetSocketAddress(m.host(), m.internodePort())));
    long incarnation = clock.millis();
    transport = new VertxTransport(vertx, self, incarnation, id -> Optional.ofNullable(addresses.get(id)), codec,
        TransportOptions.defaults()
            .withConnectTimeout(Duration.ofMillis(config.timeouts().connectMs()))
            .withMaxPendingRequests(config.transport().maxPendingRequestsPerPeer()));
    VertxScheduler scheduler = new VertxScheduler(vertx);
    var fd = config.failureDetector();
    FailureDetector detector = new FailureDetector(self, incarnation,
        new PhiAccrualDetector(fd.phiThreshold(), fd.windowSize(), fd.minStdDevMs(), fd.heartbeatIntervalMs()),
        transport, () -> List.copyOf(addresses.keySet()), () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()),
        clock::millis, Duration.ofMillis(fd.heartbeatIntervalMs()));
    BucketRegistry buckets = new BucketRegistry(config.bucketDefaults(), () -> rings.ring().members().size());
    // anti-entropy's trees live in memory: rebuilt from storage before the node serves
    PartitionTrees trees = new PartitionTrees(config.antiEntropy().leafCount());
    trees.rebuildAll(engine);
    ReplicaStore store = new ReplicaStore(engine, codec, trees, DotLease.open(dataDir));
    Coordinator coordinator = new Coordinator(self, identity::actor, rings, buckets, store, hints, transport, detector,
        scheduler, new CoordinatorOptions(Duration.ofMillis(config.timeouts().requestMs()),
            Duration.ofMillis(config.readRepair().lingerMs()), config.limits().maxValueBytes()), codec);
    transport.onRequest(new RequestRouter(new ReplicaService(store, hints, codec), coordinator, detector::onHeartbeat,
        new AntiEntropyService(trees, engine, background)));
    internodePort = transport.start(config.internode().host(), config.internode().port())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    detector.start(scheduler);
    HintedHandoff handoff = new HintedHandoff(hints, transport, detector, buckets, codec, 256,
        Duration.ofMillis(config.timeouts().requestMs()));
    if (config.hints().deliveryIntervalMs() > 0) {
      scheduler.every(Duration.ofMillis(config.hints().deliveryIntervalMs()), handoff::deliverRound);
    }

    MetricRegistry metrics = new MetricRegistry();
    LockedRandom requestIds = LockedRandom.seeded(); // ids of client requests, minted here for HTTP and binary alike
    java.util.concurrent.atomic.AtomicReference<HttpApi> api = new java.util.concurrent.atomic.AtomicReference<>();
    ClientRequests clientRequests = new ClientRequests(coordinator, config.limits().maxKeyBytes(), clock, requestIds, metrics);
    int busyAbove = Math.max(1, config.http().maxConcurrentRequests() / 2);
    AntiEntropy antiEntropy = new AntiEntropy(self, rings, buckets, trees, store, transport, detector, codec, clock,
        new AntiEntropyOptions(Duration.ofMillis(config.timeouts().requestMs()),
            config.antiEntropy().maxKeysPerExchange(), config.antiEntropy().maxBytesPerExchange()),
        metrics, () -> api.get() != null && api.get().inFlight() + clientRequests.inFlight() > busyAbove, background);
    antiEntropy.start(scheduler, Duration.ofMillis(config.antiEntropy().intervalMs()));
    // verify one partition's tree against storage per reap interval, round-robin
    scheduler.every(Duration.ofMillis(config.antiEntropy().reapIntervalMs()), () -> background.execute(antiEntropy::verifyNext));
    TombstoneReaper reaper = new TombstoneReaper(self, rings, buckets, store, hints, transport, detector, codec, clock,
        Duration.ofMillis(config.antiEntropy().tombstoneGraceMs()), Duration.ofMillis(config.timeouts().requestMs()), 1000);
    var reaped = metrics.counter("cairn.antientropy.tombstones_reaped");
    scheduler.every(Duration.ofMillis(config.antiEntropy().reapIntervalMs()),
        () -> background.execute(() -> reaper.reapRound().thenAccept(reaped::inc)));
    metrics.register("cairn.hints.pending", (Gauge<Long>) hints::pendingCount);
    metrics.register("cairn.hints.pending_bytes", (Gauge<Long>) hints::pendingBytes);
    metrics.register("cairn.hints.oldest_age_seconds",
        (Gauge<Long>) () -> hints.oldestCreatedAtMillis().isPresent() ? (clock.millis() - hints.oldestCreatedAtMillis().getAsLong()) / 1000 : 0L);
    metrics.register("cairn.replica.epoch", (Gauge<Long>) identity::epoch);
    http = new HttpApi(vertx, new HttpDeps(self, coordinator, store, hints, buckets, rings, detector, metrics, ready::get,
        config.limits().maxKeyBytes(), config.limits().maxValueBytes(), config.http().maxConcurrentRequests(),
        clock, requestIds, antiEntropy::syncAgesSeconds));
    api.set(http);
    httpPort = http.start(config.http().host(), config.http().port()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    clientPort = new ClientPort(vertx, codec, new Hello(self, WireCodec.VERSION, incarnation),
        config.binary().maxPendingRequests(), clientRequests);
    binaryPort = clientPort.start(config.binary().host(), config.binary().port())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ready.set(true);
    log.info("node {} ready: http {}:{}, binary {}:{}, internode {}:{}, data {}", self, config.http().host(), httpPort,
        config.binary().host(), binaryPort, config.internode().host(), internodePort, dataDir.toAbsolutePath());
  }

  /** Starts a node; returns once it serves HTTP, binary client and internode traffic. */
  public static NodeRuntime start(NodeConfig config, Clock clock) throws Exception {
    return new NodeRuntime(config, clock);
  }

  public int httpPort() {
    return httpPort;
  }

  public int internodePort() {
    return internodePort;
  }

  public int binaryPort() {
    return binaryPort;
  }

  public ReplicaIdentity identity() {
    return identity;
  }

  /** Stops serving, then closes storage cleanly (so the next start needs no recovery). */
  @Override
  public void close() {
    ready.set(false);
    try {
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing the HTTP server: {}", e.getMessage());
    }
    try {
      clientPort.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing the client port: {}", e.getMessage());
    }
    transport.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing Vert.x: {}", e.getMessage());
    }
    background.shutdown();
    try {
      background.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hints.close();
    engine.close();
    log.info("node {} stopped cleanly", config.node().id());
  }
}
