package io.cairn.node;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.adapter.metrics.DropwizardMetrics;
import io.cairn.node.config.ClusterSecret;
import io.cairn.node.config.MemberConfig;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.core.LockedRandom;
import io.cairn.node.assembly.NodeCore;
import io.cairn.node.assembly.NodeOptions;
import io.cairn.node.assembly.NodePorts;
import io.cairn.node.adapter.http.HttpApi;
import io.cairn.node.adapter.http.HttpDeps;
import io.cairn.node.adapter.http.HttpLimits;
import io.cairn.node.adapter.vertx.ClientPort;
import io.cairn.node.adapter.vertx.ClientPortOptions;
import io.cairn.node.adapter.vertx.TransportOptions;
import io.cairn.node.adapter.vertx.VertxTransport;
import io.cairn.node.adapter.vertx.VertxScheduler;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.BootId;
import io.cairn.storage.StorageException;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.hint.ChronicleHintStore;
import io.cairn.storage.identity.DotLease;
import io.cairn.storage.identity.DurableCell;
import io.cairn.storage.identity.ReplicaIdentity;
import io.cairn.storage.identity.ReplicaIdentityStore;
import io.cairn.storage.identity.StorageStamp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node, the composition root: opens storage and the hint store, builds the {@link
 * NodeCore} on the Vert.x adapters (internode transport, timers) and real files, then opens the
 * client doors (HTTP API, binary port) onto the core's front door. The only place that knows every
 * part; everything else gets what it needs passed in.
 */
public final class NodeRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

  private final NodeConfig config;
  private final ChronicleMapEngine engine;
  private final ChronicleHintStore hints;
  private final Vertx vertx;
  private final ExecutorService background;
  private final VertxTransport transport;
  private final HttpApi http;
  private final ClientPort clientPort;
  private final NodeCore core;
  private final StorageStamp storageStamp;
  private final SecureRandom stampRandom = new SecureRandom();
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

    // a storage directory that is not the one the kept identity last ran with (gone, or swapped for
    // an old copy) may lack writes this node's actor dotted: the core then takes a new epoch
    Path storageDir = config.storageDirectory();
    storageStamp = StorageStamp.files(storageDir, dataDir);
    boolean storageReplaced = false;
    if (ReplicaIdentityStore.read(dataDir).isPresent()) {
      Optional<String> why = Files.isDirectory(storageDir)
          ? storageStamp.mismatch() : Optional.of("the storage directory is missing");
      if (why.isPresent()) {
        storageReplaced = true;
        log.warn("storage {} is not the one this node last ran with ({}): writes acknowledged before may be"
            + " missing from it, so the node takes a new replica epoch", storageDir, why.get());
      }
    }
    long minFree = config.storage().minFreeBytes();
    engine = ChronicleMapEngine.open(config.toStorageConfig(), BootId.LINUX,
        ChronicleMapEngine.defaultGuard(config.storageDirectory(), minFree), clock);
    Path hintsDir = dataDir.resolve("hints");
    hints = ChronicleHintStore.open(hintsDir, config.toHintStoreConfig(), NodeCore.hintMerge(codec), clock,
        ChronicleMapEngine.defaultGuard(hintsDir, minFree));

    // Linux epoll when its native library loads (fewer syscalls and no selector garbage per wake-up
    // than NIO); Vert.x falls back to NIO by itself elsewhere
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    log.info("network transport: {}", vertx.isNativeTransportEnabled() ? "native epoll"
        : "NIO (native transport unavailable: " + vertx.unavailableNativeTransportCause() + ")");
    // partition scans (anti-entropy listings, tree checks, reaping) run here, never on an event loop
    background = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cairn-background");
      t.setDaemon(true);
      return t;
    });
    Ring ring = new Claim().claim(config.ringMembers(), config.cluster().partitions());
    Map<NodeId, InetSocketAddress> addresses = config.cluster().members().stream()
        .collect(Collectors.toMap(MemberConfig::id, m -> new InetSocketAddress(m.host(), m.internodePort())));
    long incarnation = clock.millis();
    MetricRegistry registry = new MetricRegistry();
    DropwizardMetrics metrics = new DropwizardMetrics(registry);
    metrics.gauge("cairn.storage.free_bytes", engine.space()::freeBytes);
    metrics.gauge("cairn.storage.min_free_bytes", engine.space()::minFreeBytes);
    var internode = config.internode();
    transport = new VertxTransport(vertx, self, incarnation, id -> Optional.ofNullable(addresses.get(id)), codec,
        TransportOptions.defaults()
            .withConnectTimeout(Duration.ofMillis(config.timeouts().connectMs()))
            .withMaxPendingRequests(config.transport().maxPendingRequestsPerPeer())
            .withIdleTimeout(Duration.ofMillis(internode.idleTimeoutMs()))
            .withInboundBounds(internode.maxConnections(), Duration.ofMillis(internode.frameTimeoutMs()),
                internode.maxBufferedBytes()),
        metrics, System::nanoTime);
    core = new NodeCore(new NodePorts(self, clock, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()), transport,
        new VertxScheduler(vertx), background, engine, hints,
        DurableCell.file(dataDir.resolve(ReplicaIdentityStore.FILE_NAME)), DurableCell.file(dataDir.resolve(DotLease.FILE_NAME)),
        storageReplaced, ring, LockedRandom.seeded(), metrics, detector -> detector),
        options(config), codec, clusterSecret(config, dataDir).contextTokens());
    // renewed only now that a new epoch the mismatch called for is durable: a crash before this
    // line finds the same mismatch again at the next start
    storageStamp.renew(stampRandom);
    internodePort = transport.start(config.internode().host(), config.internode().port())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    core.start();

    var h = config.http();
    http = new HttpApi(vertx, new HttpDeps(core, registry, ready::get, new HttpLimits(h.maxConnections(),
        Duration.ofMillis(h.idleTimeoutMs()), Duration.ofMillis(h.requestReadTimeoutMs()), h.maxBufferedBytes())));
    httpPort = http.start(h.host(), h.port()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    var b = config.binary();
    clientPort = new ClientPort(vertx, codec, new Hello(self, WireCodec.VERSION, incarnation),
        new ClientPortOptions(b.maxPendingRequests(), config.limits().clientFrameBytes(), b.maxConnections(),
            Duration.ofMillis(b.idleTimeoutMs()), Duration.ofMillis(b.frameTimeoutMs()), b.maxBufferedBytes()),
        core.clientRequests(), metrics, System::nanoTime);
    binaryPort = clientPort.start(config.binary().host(), config.binary().port())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ready.set(true);
    log.info("node {} ready: http {}:{}, binary {}:{}, internode {}:{}, data {}", self, config.http().host(), httpPort,
        config.binary().host(), binaryPort, config.internode().host(), internodePort, dataDir.toAbsolutePath());
  }

  /**
   * The configured cluster secret; a node alone without one keeps a generated secret in its data
   * directory. A cluster of several nodes must share one (the configuration refuses to load without
   * it; checked again here for configurations built in code).
   */
  static ClusterSecret clusterSecret(NodeConfig config, Path dataDir) throws IOException {
    if (config.cluster().secret().isPresent()) {
      return config.cluster().secret().get();
    }
    if (config.cluster().members().size() > 1) {
      throw new IllegalStateException("cluster.secret is required for a cluster of more than one node: generate one"
          + " with `openssl rand -base64 32` and set the same secret on every node");
    }
    ClusterSecret.Generated kept = ClusterSecret.loadOrCreate(dataDir, new SecureRandom());
    if (kept.created()) {
      log.info("no cluster.secret is set: generated one for this single-node cluster in {}; before adding nodes,"
          + " set that same secret as cluster.secret on every node", kept.file());
    } else {
      log.info("using the cluster secret generated earlier for this single-node cluster ({})", kept.file());
    }
    return kept.secret();
  }

  /** The core's tunables, from the configuration. */
  static NodeOptions options(NodeConfig config) {
    var fd = config.failureDetector();
    var ae = config.antiEntropy();
    return new NodeOptions(config.bucketDefaults(), Duration.ofMillis(config.timeouts().requestMs()),
        Duration.ofMillis(config.readRepair().lingerMs()), config.limits().maxKeyBytes(), config.limits().maxValueBytes(),
        config.http().maxConcurrentRequests(), Duration.ofMillis(fd.heartbeatIntervalMs()), fd.phiThreshold(),
        fd.windowSize(), fd.minStdDevMs(), fd.maxIntervalMs(), Duration.ofMillis(Math.max(0, config.hints().deliveryIntervalMs())),
        ae.leafCount(), Duration.ofMillis(ae.intervalMs()), ae.maxKeysPerExchange(), ae.maxBytesPerExchange(),
        Duration.ofMillis(ae.reapIntervalMs()), Duration.ofMillis(ae.tombstoneGraceMs()));
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
    return core.identity();
  }

  /** The assembled core (tests look inside). */
  public NodeCore core() {
    return core;
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
    core.stop();
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
    // a copy of the storage taken while this run was live is told apart from the storage it left
    try {
      storageStamp.renew(stampRandom);
    } catch (StorageException e) {
      log.warn("cannot renew the storage stamp at stop: {}", e.getMessage());
    }
    log.info("node {} stopped cleanly", config.node().id());
  }
}
