package io.cairn.node.antientropy;

import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.ReapCheck;
import io.cairn.protocol.wire.ReapCheckReply;
import io.cairn.protocol.wire.ReapRequest;
import io.cairn.protocol.wire.HintQuery;
import io.cairn.protocol.wire.HintQueryReply;
import io.cairn.protocol.wire.ReapReply;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.hint.HintStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Removes tombstones safely, so deleted data never comes back. For each partition, its
 * first primary leads: a tombstone older than the grace period is removed only once **every** primary
 * was seen holding exactly the same tombstone; then every primary is told to remove it, each only if
 * it still holds exactly that tombstone. A primary that was partitioned away with the old value
 * holds the value, not the tombstone, so nothing is reaped until anti-entropy has brought it the
 * tombstone — the value can never come back from it afterwards. Nor may any node hold a hint of the
 * key: a fallback's copy from before the delete, delivered after the reap, would revive the value; so
 * every node is asked, and an unreachable one blocks the reap. A replica that misses the reap keeps
 * its tombstone; anti-entropy spreads it again and the next round reaps it everywhere.
 *
 * <p>"Holding" means holding durably: each primary forces the partition to disk before it confirms
 * (see {@link ReapCheck}). A tombstone still in the page cache of an mmap store would be lost in a
 * power loss after its peers had reaped, and the older copy on disk would bring the value back.
 */
public final class TombstoneReaper {

  private final NodeId self;
  private final RingHolder rings;
  private final BucketRegistry buckets;
  private final ReplicaStore store;
  private final HintStore hints;
  private final Transport transport;
  private final Reachability reachability;
  private final WireCodec codec;
  private final Clock clock;
  private final Duration grace;
  private final Duration timeout;
  private final int maxPerRound;
  private final Executor background;

  public TombstoneReaper(NodeId self, RingHolder rings, BucketRegistry buckets, ReplicaStore store, HintStore hints,
      Transport transport,
      Reachability reachability, WireCodec codec, Clock clock, Duration grace, Duration timeout, int maxPerRound,
      Executor background) {
    this.self = self;
    this.rings = rings;
    this.buckets = buckets;
    this.store = store;
    this.hints = hints;
    this.transport = transport;
    this.reachability = reachability;
    this.codec = codec;
    this.clock = clock;
    this.grace = grace;
    this.timeout = timeout;
    this.maxPerRound = maxPerRound;
    this.background = background;
  }

  /** One pass over the partitions this node leads; completes with the number of keys reaped. */
  public CompletableFuture<Integer> reapRound() {
    Ring ring = rings.ring();
    CompletableFuture<Integer> total = CompletableFuture.completedFuture(0);
    int budget = maxPerRound;
    for (int p = 0; p < ring.partitionCount() && budget > 0; p++) {
      for (Candidate c : candidates(p, budget)) {
        List<NodeId> primaries = ring.preferenceList(p, buckets.props(c.key().bucket()).n()).primaries();
        if (!primaries.get(0).equals(self)) {
          continue; // another primary leads this key's partition
        }
        budget--;
        total = total.thenCombine(reap(p, c, primaries), Integer::sum);
      }
    }
    return total;
  }

  private record Candidate(BucketKey key, StoredObject tombstone) {}

  /** Deleted keys of a partition whose newest delete is older than the grace period. */
  private List<Candidate> candidates(int partition, int limit) {
    List<Candidate> out = new ArrayList<>();
    long cutoff = clock.millis() - grace.toMillis();
    try (PartitionScan scan = store.engine().scan(partition)) {
      while (scan.hasNext() && out.size() < limit) {
        PartitionScan.Entry e = scan.next();
        StoredObject o = codec.decode(e.value(), StoredObject.class);
        if (o.isDeleted() && o.siblings().stream().mapToLong(Sibling::timestamp).max().orElse(Long.MAX_VALUE) <= cutoff) {
          out.add(new Candidate(e.key(), o));
        }
      }
    }
    return out;
  }

  private CompletableFuture<Integer> reap(int partition, Candidate c, List<NodeId> primaries) {
    List<CompletableFuture<Boolean>> holds = new ArrayList<>();
    for (NodeId p : primaries) {
      if (p.equals(self)) {
        continue;
      }
      if (!reachability.isReachable(p)) {
        return CompletableFuture.completedFuture(0);
      }
      holds.add(transport.request(p, new ReapCheck(partition, c.key(), c.tombstone().context()), timeout)
          .handle((reply, error) -> error == null && reply instanceof ReapCheckReply r && r.held()));
    }
    // No node may hold a hint of the key: a hint written before the delete and delivered after the
    // reap would bring the value back (found by the simulator with deletes and short grace periods).
    if (hints.holdsAny(partition, c.key())) {
      return CompletableFuture.completedFuture(0);
    }
    List<CompletableFuture<Boolean>> noHints = new ArrayList<>();
    for (Member m : rings.ring().members()) {
      if (m.id().equals(self)) {
        continue;
      }
      if (!reachability.isReachable(m.id())) {
        return CompletableFuture.completedFuture(0);
      }
      noHints.add(transport.request(m.id(), new HintQuery(partition, c.key()), timeout).handle((reply, error) ->
          error == null && reply instanceof HintQueryReply h && !h.held()));
    }
    holds.addAll(noHints);
    // this node's own copy must be on disk too before any replica forgets the key
    holds.add(CompletableFuture.supplyAsync(
        () -> store.holdsDurably(partition, c.key(), c.tombstone().context()), background));
    return CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new)).thenCompose(v -> {
      if (!holds.stream().allMatch(CompletableFuture::join)) {
        return CompletableFuture.completedFuture(0); // someone lacks the tombstone, has more, or keeps a hint: wait
      }
      List<CompletableFuture<Boolean>> reaps = new ArrayList<>();
      for (NodeId p : primaries) {
        if (!p.equals(self)) {
          reaps.add(transport.request(p, new ReapRequest(partition, c.key(), c.tombstone().context()), timeout)
              .handle((reply, error) -> error == null && reply instanceof ReapReply r && r.reaped()));
        }
      }
      boolean here = store.reap(partition, c.key(), c.tombstone().context());
      return CompletableFuture.allOf(reaps.toArray(CompletableFuture[]::new)).thenApply(x -> here ? 1 : 0);
    });
  }
}
