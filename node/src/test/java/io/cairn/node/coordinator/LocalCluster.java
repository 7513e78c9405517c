package io.cairn.node.coordinator;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.adapter.metrics.DropwizardMetrics;
import io.cairn.node.antientropy.AntiEntropy;
import io.cairn.node.antientropy.AntiEntropyOptions;
import io.cairn.node.antientropy.PartitionTrees;
import io.cairn.node.antientropy.TombstoneReaper;
import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.core.ExecutorScheduler;
import io.cairn.node.core.Metrics;
import io.cairn.node.assembly.NodeCore;
import io.cairn.node.assembly.NodeOptions;
import io.cairn.node.assembly.NodePorts;
import io.cairn.node.net.LocalNetwork;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.identity.DurableCell;
import io.cairn.storage.memory.InMemoryEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Several {@link NodeCore}s in one JVM on a {@link LocalNetwork}, with in-memory storage. Requests
 * route by the network's own view of who is up (no heartbeats), and no periodic work runs: tests
 * drive hint delivery, anti-entropy and reaping themselves.
 */
public final class LocalCluster implements AutoCloseable {

  /** The cluster secret every node of a local cluster shares (tests forge contexts against it). */
  public static final byte[] SECRET = "local cluster secret, 32 bytes or more".getBytes(StandardCharsets.US_ASCII);

  /** The context tokens of every node of a local cluster. */
  public static final ContextTokens TOKENS = ContextTokens.forClusterSecret(SECRET);

  /** One node: its core and its disk. */
  public record Node(NodeCore core, InMemoryEngine engine, InMemoryHintStore hints, MetricRegistry metrics) {
    public NodeId id() {
      return core.self();
    }

    public ReplicaStore store() {
      return core.store();
    }

    public Coordinator coordinator() {
      return core.coordinator();
    }

    public BucketRegistry buckets() {
      return core.buckets();
    }

    public RingHolder rings() {
      return core.rings();
    }

    public PartitionTrees trees() {
      return core.trees();
    }

    public AntiEntropy antiEntropy() {
      return core.antiEntropy();
    }

    public TombstoneReaper reaper() {
      return core.reaper();
    }
  }

  /** What outlives a node's process: the identity and the dot lease (both lost with the disk). */
  private record Disk(DurableCell identity, DurableCell dots) {
    static Disk fresh(NodeId id) {
      return new Disk(DurableCell.memory(id + "/identity"), DurableCell.memory(id + "/dot-lease"));
    }
  }

  public final WireCodec codec = new WireCodec();
  public final ExecutorService executor = Executors.newFixedThreadPool(4);
  public final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  public final LocalNetwork network = new LocalNetwork(executor);
  public final Map<NodeId, Node> nodes = new LinkedHashMap<>();
  public final Ring ring;
  private final Map<NodeId, Disk> disks = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final int leafCount;
  private final int maxClientRequests;

  public LocalCluster(int size, int partitions, Duration timeout) {
    this(size, partitions, timeout, 64);
  }

  /** With {@code leafCount} leaves in every partition's Merkle tree. */
  public LocalCluster(int size, int partitions, Duration timeout, int leafCount) {
    this(size, partitions, timeout, leafCount, 1000);
  }

  /** With at most {@code maxClientRequests} client requests admitted at once on each node. */
  public LocalCluster(int size, int partitions, Duration timeout, int leafCount, int maxClientRequests) {
    this.timeout = timeout;
    this.leafCount = leafCount;
    this.maxClientRequests = maxClientRequests;
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      members.add(Member.of("n" + i));
    }
    ring = new Claim().claim(members, partitions);
    for (Member m : members) {
      nodes.put(m.id(), build(m.id(), new InMemoryEngine(1 << 20, Durability.MMAP), newHints(), false));
    }
  }

  private InMemoryHintStore newHints() {
    return new InMemoryHintStore(new HintStoreConfig(1 << 24, 1 << 20, 1000, 1024), NodeCore.hintMerge(codec),
        Clock.systemUTC());
  }

  /** The options the cluster's nodes run with; tests may build a node with other ones. */
  public NodeOptions options(long maxBytesPerExchange) {
    return options(timeout, 1024, 1 << 20, maxClientRequests, maxBytesPerExchange);
  }

  /** Options with other request limits, for a {@link #standalone} node. */
  public NodeOptions options(Duration requestTimeout, int maxKeyBytes, int maxValueBytes, int maxClientRequests,
      long maxBytesPerExchange) {
    return new NodeOptions(BucketProps.DEFAULT, requestTimeout, Duration.ofMillis(100), maxKeyBytes, maxValueBytes,
        maxClientRequests, Duration.ofSeconds(1), 8, 1000, 100, 2000, Duration.ZERO, leafCount, Duration.ofSeconds(1),
        10_000, maxBytesPerExchange, Duration.ofSeconds(1), Duration.ZERO);
  }

  private Node build(NodeId id, InMemoryEngine engine, InMemoryHintStore hints, boolean storageReplaced) {
    Disk disk = disks.computeIfAbsent(id, Disk::fresh);
    return build(id, network.transportFor(id), engine, hints, disk, storageReplaced, options(Long.MAX_VALUE),
        detector -> network::isUp);
  }

  private Node build(NodeId id, Transport transport, InMemoryEngine engine, InMemoryHintStore hints, Disk disk,
      boolean storageReplaced, NodeOptions options, UnaryOperator<Reachability> reachability) {
    MetricRegistry metrics = new MetricRegistry();
    NodePorts ports = new NodePorts(id, Clock.systemUTC(), () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()),
        transport, new ExecutorScheduler(timers), executor, engine, hints, disk.identity(), disk.dots(),
        storageReplaced, ring, new Random(id.hashCode()), new DropwizardMetrics(metrics), reachability);
    return new Node(new NodeCore(ports, options, codec, TOKENS), engine, hints, metrics);
  }

  /**
   * A node of this ring that is not on the cluster's network: it talks through {@code transport}
   * and believes every peer reachable (to plant a slow or silent network under one node).
   */
  public Node standalone(String id, Transport transport, NodeOptions options) {
    NodeId node = NodeId.of(id);
    return build(node, transport, new InMemoryEngine(1 << 20, Durability.MMAP), newHints(), Disk.fresh(node), false,
        options, detector -> peer -> true);
  }

  /** An anti-entropy service for a node's parts, with an object-byte budget per exchange. */
  public AntiEntropy antiEntropy(NodeId id, RingHolder rings, BucketRegistry buckets, PartitionTrees trees, ReplicaStore store,
      long maxBytesPerExchange) {
    return new AntiEntropy(id, rings, buckets, trees, store, network.transportFor(id), network::isUp, codec,
        Clock.systemUTC(), new AntiEntropyOptions(timeout, 10_000, maxBytesPerExchange), Metrics.counting(), () -> false,
        executor);
  }

  public Node node(String id) {
    return nodes.get(NodeId.of(id));
  }

  /**
   * The node loses its storage and hints and comes back empty; its identity file survives (a wiped
   * data volume beside a kept config directory, or a restore of the identity alone).
   *
   * @param noticed whether the node is told its storage went missing, as a node is when its storage
   *     directory is gone: it then takes a new epoch. {@code false} is the KV679 bug, for negative controls.
   */
  public Node wipe(String id, boolean noticed) {
    NodeId node = NodeId.of(id);
    Disk old = disks.get(node);
    disks.put(node, new Disk(old.identity(), DurableCell.memory(id + "/dot-lease"))); // the lease is gone too
    Node fresh = build(node, new InMemoryEngine(1 << 20, Durability.MMAP), newHints(), noticed);
    nodes.put(node, fresh);
    return fresh;
  }

  /** The node restarts after a crash (storage kept), same epoch. */
  public Node restart(String id) {
    Node old = node(id);
    Node fresh = build(old.id(), old.engine().afterProcessCrash(), old.hints().afterProcessCrash(), false);
    nodes.put(old.id(), fresh);
    return fresh;
  }

  /**
   * The node's machine loses power: its storage comes back as the kernel last wrote it to disk
   * (mmap mode), and the node takes a new epoch because it may have lost writes.
   */
  public Node powerLoss(String id) {
    Node old = node(id);
    Node fresh = build(old.id(), old.engine().afterPowerLoss(), old.hints().afterProcessCrash(), false);
    nodes.put(old.id(), fresh);
    return fresh;
  }

  /** One hinted-handoff round on every node that is up; returns the number of hints delivered. */
  public int deliverHints() throws Exception {
    int delivered = 0;
    for (Node n : nodes.values()) {
      if (network.isUp(n.id())) {
        delivered += n.core().deliverHints().get(10, TimeUnit.SECONDS);
      }
    }
    return delivered;
  }

  /**
   * Runs anti-entropy exchanges of every partition between every pair of its reachable primaries
   * until a pass repairs nothing (at most five passes).
   */
  public void antiEntropyUntilQuiet() throws Exception {
    for (int pass = 0; pass < 5; pass++) {
      int repaired = 0;
      for (Node n : nodes.values()) {
        if (!network.isUp(n.id())) {
          continue;
        }
        for (int p = 0; p < ring.partitionCount(); p++) {
          List<NodeId> primaries = ring.preferenceList(p, 3).primaries();
          for (NodeId peer : primaries) {
            if (!peer.equals(n.id()) && primaries.contains(n.id()) && network.isUp(peer)) {
              repaired += n.antiEntropy().exchange(p, peer).get(10, TimeUnit.SECONDS).keysRepaired();
            }
          }
        }
      }
      if (repaired == 0) {
        return;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    timers.shutdownNow();
  }
}
