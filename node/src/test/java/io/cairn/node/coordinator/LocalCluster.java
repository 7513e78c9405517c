package io.cairn.node.coordinator;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.antientropy.AntiEntropy;
import io.cairn.node.antientropy.AntiEntropyService;
import io.cairn.node.antientropy.PartitionTrees;
import io.cairn.node.antientropy.TombstoneReaper;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.core.ExecutorScheduler;
import io.cairn.node.net.LocalNetwork;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaService;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.memory.InMemoryEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Several node cores in one JVM on a {@link LocalNetwork}, with in-memory storage. */
public final class LocalCluster implements AutoCloseable {
  /** Each node's dot lease (storage's DotLease): kept across restarts, lost with the disk. */
  private final Map<NodeId, java.util.concurrent.atomic.AtomicLong> dots = new java.util.concurrent.ConcurrentHashMap<>();

  public record Node(NodeId id, ReplicaStore store, InMemoryHintStore hints, Coordinator coordinator, InMemoryEngine engine,
      BucketRegistry buckets, RingHolder rings, PartitionTrees trees, AntiEntropy antiEntropy, TombstoneReaper reaper) {}

  public final WireCodec codec = new WireCodec();
  public final ExecutorService executor = Executors.newFixedThreadPool(4);
  public final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  public final LocalNetwork network = new LocalNetwork(executor);
  public final Map<NodeId, Node> nodes = new LinkedHashMap<>();
  public final Ring ring;
  private final int size;
  private final Duration timeout;
  private final int leafCount;

  public LocalCluster(int size, int partitions, Duration timeout) {
    this(size, partitions, timeout, 64);
  }

  /** With {@code leafCount} leaves in every partition's Merkle tree. */
  public LocalCluster(int size, int partitions, Duration timeout, int leafCount) {
    this.size = size;
    this.timeout = timeout;
    this.leafCount = leafCount;
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      members.add(Member.of("n" + i));
    }
    ring = new Claim().claim(members, partitions);
    for (Member m : members) {
      nodes.put(m.id(), build(m.id(), 1, new InMemoryEngine(1 << 20, Durability.MMAP)));
    }
  }

  private Node build(NodeId id, long epoch, InMemoryEngine engine) {
    PartitionTrees trees = new PartitionTrees(leafCount);
    trees.rebuildAll(engine);
    ReplicaStore store = new ReplicaStore(engine, codec, trees,
        dots.computeIfAbsent(id, n -> new java.util.concurrent.atomic.AtomicLong(1))::getAndIncrement);
    InMemoryHintStore hints = new InMemoryHintStore(new HintStoreConfig(1 << 24, 1 << 20, 1000, 1024),
        (a, b) -> codec.encode(codec.decode(a, StoredObject.class).merge(codec.decode(b, StoredObject.class), ConflictMode.SIBLINGS)),
        Clock.systemUTC());
    Transport transport = network.transportFor(id);
    RingHolder rings = new RingHolder(ring);
    BucketRegistry buckets = new BucketRegistry(BucketProps.DEFAULT, () -> size);
    Coordinator coordinator = new Coordinator(id, () -> new Actor(id, epoch), rings,
        buckets, store, hints, transport, network::isUp,
        new ExecutorScheduler(timers), new CoordinatorOptions(timeout, Duration.ofMillis(200), 1 << 20), codec);
    transport.onRequest(new RequestRouter(new ReplicaService(store, hints, codec), coordinator,
        beat -> java.util.concurrent.CompletableFuture.completedFuture(beat), new AntiEntropyService(trees, engine, executor)));
    AntiEntropy antiEntropy = antiEntropy(id, rings, buckets, trees, store, Long.MAX_VALUE);
    TombstoneReaper reaper = new TombstoneReaper(id, rings, buckets, store, hints, transport, network::isUp, codec,
        Clock.systemUTC(), Duration.ZERO, timeout, 1000);
    return new Node(id, store, hints, coordinator, engine, buckets, rings, trees, antiEntropy, reaper);
  }

  /** An anti-entropy service for a node's parts, with an object-byte budget per exchange. */
  public AntiEntropy antiEntropy(NodeId id, RingHolder rings, BucketRegistry buckets, PartitionTrees trees, ReplicaStore store,
      long maxBytesPerExchange) {
    return new AntiEntropy(id, rings, buckets, trees, store, network.transportFor(id), network::isUp, codec,
        Clock.systemUTC(), new io.cairn.node.antientropy.AntiEntropyOptions(timeout, 10_000, maxBytesPerExchange),
        new MetricRegistry(), () -> false, executor);
  }

  public Node node(String id) {
    return nodes.get(NodeId.of(id));
  }

  /** The node loses its disk and comes back empty, under a new epoch (as the identity store does). */
  public Node wipe(String id, long newEpoch) {
    NodeId node = NodeId.of(id);
    dots.remove(node); // the dot lease is on the lost disk too
    Node fresh = build(node, newEpoch, new InMemoryEngine(1 << 20, Durability.MMAP));
    nodes.put(node, fresh);
    return fresh;
  }

  /** The node restarts after a crash (storage kept), same epoch. */
  public Node restart(String id) {
    Node old = node(id);
    Node fresh = build(old.id(), 1, old.engine().afterProcessCrash());
    nodes.put(old.id(), fresh);
    return fresh;
  }

  /** One hinted-handoff round on every node that is up; returns the number of hints delivered. */
  public int deliverHints() throws Exception {
    int delivered = 0;
    for (Node n : nodes.values()) {
      if (network.isUp(n.id())) {
        delivered += new io.cairn.node.handoff.HintedHandoff(n.hints(), network.transportFor(n.id()), network::isUp,
            new io.cairn.node.coordinator.BucketRegistry(io.cairn.protocol.object.BucketProps.DEFAULT, nodes::size),
            codec, 1000, timeout).deliverRound().get(10, java.util.concurrent.TimeUnit.SECONDS);
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
              repaired += n.antiEntropy().exchange(p, peer).get(10, java.util.concurrent.TimeUnit.SECONDS).keysRepaired();
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
