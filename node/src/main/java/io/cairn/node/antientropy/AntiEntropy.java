package io.cairn.node.antientropy;

import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.core.Metrics.Counter;
import io.cairn.node.core.Metrics;
import io.cairn.node.core.Scheduler;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Always-on anti-entropy: every round, the next partition this node holds a replica of is exchanged
 * with the next of its fellow primaries (rotating through partitions and peers), one exchange at a
 * time, at most {@code maxKeysPerExchange} keys repaired per exchange — together the rate limit.
 * Hinted handoff and read repair fix what they touch; this finds everything else.
 */
public final class AntiEntropy {

  private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);

  private final NodeId self;
  private final RingHolder rings;
  private final BucketRegistry buckets;
  private final PartitionTrees trees;
  private final ReplicaStore store;
  private final Transport transport;
  private final Reachability reachability;
  private final WireCodec codec;
  private final Clock clock;
  private final AntiEntropyOptions options;
  private final Executor background;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Map<Integer, Long> lastInSync = new ConcurrentHashMap<>();
  private final Counter exchanges;
  private final Counter keysRepaired;
  private final Counter bytesSent;
  private final Counter treeRebuilds;
  private final BooleanSupplier busy;
  private long round;
  private int nextVerify;

  /**
   * @param busy while true (clients are keeping the node busy), rounds are skipped
   * @param background runs the partition scans of exchanges, never an event loop
   */
  public AntiEntropy(NodeId self, RingHolder rings, BucketRegistry buckets, PartitionTrees trees, ReplicaStore store,
      Transport transport, Reachability reachability, WireCodec codec, Clock clock, AntiEntropyOptions options,
      Metrics metrics, BooleanSupplier busy, Executor background) {
    this.background = background;
    this.busy = busy;
    this.self = self;
    this.rings = rings;
    this.buckets = buckets;
    this.trees = trees;
    this.store = store;
    this.transport = transport;
    this.reachability = reachability;
    this.codec = codec;
    this.clock = clock;
    this.options = options;
    this.exchanges = metrics.counter("cairn.antientropy.exchanges");
    this.keysRepaired = metrics.counter("cairn.antientropy.keys_repaired");
    this.bytesSent = metrics.counter("cairn.antientropy.bytes_sent");
    this.treeRebuilds = metrics.counter("cairn.antientropy.tree_rebuilds");
    metrics.gauge("cairn.antientropy.oldest_sync_age_seconds", this::oldestSyncAgeSeconds);
  }

  /** Runs a round every {@code interval}. */
  public Scheduler.Cancellable start(Scheduler scheduler, Duration interval) {
    return scheduler.every(interval, this::runRound);
  }

  /** One round: the next (partition, peer) pair, if no exchange is running. */
  public CompletableFuture<ExchangeResult> runRound() {
    if (busy.getAsBoolean()) {
      return CompletableFuture.completedFuture(null); // paused under client load
    }
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    Ring ring = rings.ring();
    int n = buckets.props("").n();
    List<Integer> mine = new ArrayList<>();
    for (int p = 0; p < ring.partitionCount(); p++) {
      if (ring.preferenceList(p, n).primaries().contains(self)) {
        mine.add(p);
      }
    }
    if (mine.isEmpty() || n < 2) {
      running.set(false);
      return CompletableFuture.completedFuture(null);
    }
    long r = round++;
    int partition = mine.get((int) (r % mine.size()));
    List<NodeId> peers = ring.preferenceList(partition, n).primaries().stream().filter(p -> !p.equals(self)).toList();
    NodeId peer = peers.get((int) ((r / mine.size()) % peers.size()));
    if (!reachability.isReachable(peer)) {
      running.set(false);
      return CompletableFuture.completedFuture(null);
    }
    return exchange(partition, peer).whenComplete((res, e) -> running.set(false));
  }

  /** Exchanges one partition with one peer now. */
  public CompletableFuture<ExchangeResult> exchange(int partition, NodeId peer) {
    return new Exchange(partition, peer, trees, store, transport, key -> buckets.props(key.bucket()).conflictMode(),
            codec, options.timeout(), options.maxKeysPerExchange(), options.maxBytesPerExchange(), background)
        .run()
        .whenComplete((res, e) -> {
          if (e != null) {
            log.debug("exchange of partition {} with {} failed: {}", partition, peer, e.getMessage());
            return;
          }
          exchanges.inc();
          keysRepaired.inc(res.keysRepaired());
          bytesSent.inc(res.bytesSent());
          if (res.inSync()) {
            lastInSync.put(partition, clock.millis());
          }
        });
  }

  /**
   * Checks one partition's tree against a rebuild from storage (round-robin), catching silent
   * corruption or a missed update; a mismatch is logged, counted and repaired by the rebuild.
   */
  public boolean verifyNext() {
    var partitions = new ArrayList<>(store.engine().partitions());
    if (partitions.isEmpty()) {
      return true;
    }
    int p = partitions.get(Math.floorMod(nextVerify++, partitions.size()));
    if (trees.verify(p, store.engine())) {
      return true;
    }
    log.warn("Merkle tree of partition {} did not match storage; rebuilt it", p);
    trees.rebuild(p, store.engine());
    treeRebuilds.inc();
    return false;
  }

  /** Per partition, seconds since an exchange last found it in sync with a peer. */
  public Map<Integer, Long> syncAgesSeconds() {
    long now = clock.millis();
    Map<Integer, Long> out = new TreeMap<>();
    lastInSync.forEach((p, t) -> out.put(p, (now - t) / 1000));
    return out;
  }

  /** Seconds since the partition least recently found in sync was last found so (0 if none yet). */
  long oldestSyncAgeSeconds() {
    long now = clock.millis();
    return lastInSync.values().stream().mapToLong(t -> (now - t) / 1000).max().orElse(0);
  }
}
