package io.cairn.node.antientropy;

import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.merkle.KeyDiff;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.LeafKeysReply;
import io.cairn.protocol.wire.LeafKeysRequest;
import io.cairn.protocol.wire.MerkleNodesReply;
import io.cairn.protocol.wire.MerkleNodesRequest;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One anti-entropy exchange of a partition with one peer. Compares the two TicTac trees top-down,
 * fetching from the peer only the children of nodes that differ; lists the keys of the differing
 * leaves on both sides; and repairs each differing key by merging the two copies (DVV sync) and
 * giving the merge to whichever side lacks it — never by overwriting. At most {@code maxKeys} keys
 * and about {@code maxBytes} object bytes are repaired per exchange (the rate limit; the next
 * exchange continues).
 */
final class Exchange {

  private final int partition;
  private final NodeId peer;
  private final PartitionTrees trees;
  private final ReplicaStore store;
  private final Transport transport;
  private final Function<BucketKey, ConflictMode> modes;
  private final WireCodec codec;
  private final Duration timeout;
  private final int maxKeys;
  private final long maxBytes;
  private final Executor background;
  private int nodesCompared;
  private long bytesSent;

  Exchange(int partition, NodeId peer, PartitionTrees trees, ReplicaStore store, Transport transport,
      Function<BucketKey, ConflictMode> modes, WireCodec codec, Duration timeout, int maxKeys, long maxBytes,
      Executor background) {
    this.partition = partition;
    this.peer = peer;
    this.trees = trees;
    this.store = store;
    this.transport = transport;
    this.modes = modes;
    this.codec = codec;
    this.timeout = timeout;
    this.maxKeys = maxKeys;
    this.maxBytes = maxBytes;
    this.background = background;
  }

  CompletableFuture<ExchangeResult> run() {
    return descend(List.of(1), new ArrayList<>()).thenCompose(leaves -> {
      if (leaves.isEmpty()) {
        return CompletableFuture.completedFuture(new ExchangeResult(nodesCompared, 0, 0, 0));
      }
      return repairLeaves(leaves).thenApply(repaired -> new ExchangeResult(nodesCompared, leaves.size(), repaired, bytesSent));
    });
  }

  /** One level of the comparison: fetch the peer's values for {@code frontier}, keep what differs. */
  private CompletableFuture<List<Integer>> descend(List<Integer> frontier, List<Integer> leaves) {
    if (frontier.isEmpty()) {
      return CompletableFuture.completedFuture(leaves);
    }
    List<Long> mine = trees.nodes(partition, frontier);
    return ask(new MerkleNodesRequest(partition, trees.leafCount(), frontier), MerkleNodesReply.class)
        .thenCompose(reply -> {
          nodesCompared += frontier.size();
          List<Integer> next = new ArrayList<>();
          for (int i = 0; i < frontier.size(); i++) {
            int node = frontier.get(i);
            if (mine.get(i).longValue() == reply.values().get(i).longValue()) {
              continue;
            }
            if (node >= trees.leafCount()) {
              leaves.add(node - trees.leafCount());
            } else {
              next.add(2 * node);
              next.add(2 * node + 1);
            }
          }
          return descend(next, leaves);
        });
  }

  private CompletableFuture<Integer> repairLeaves(List<Integer> leaves) {
    Set<Integer> leafSet = new HashSet<>(leaves);
    // the local listing scans the partition: off the event loop the peer's reply arrives on
    return ask(new LeafKeysRequest(partition, trees.leafCount(), leaves), LeafKeysReply.class).thenComposeAsync(reply -> {
      Map<BucketKey, Long> theirs = new HashMap<>();
      reply.items().forEach(i -> theirs.put(i.key(), i.item()));
      Map<BucketKey, Long> mine = trees.keysInLeaves(partition, leafSet, store.engine());
      List<BucketKey> keys = KeyDiff.differingKeys(mine, theirs);
      CompletableFuture<Integer> done = CompletableFuture.completedFuture(0);
      for (BucketKey key : keys.subList(0, Math.min(keys.size(), maxKeys))) {
        // the byte budget: once spent, the rest waits for the next exchange
        done = done.thenCompose(n -> bytesSent >= maxBytes ? CompletableFuture.completedFuture(n) : repair(key).thenApply(r -> n + r));
      }
      return done;
    }, background);
  }

  /** Merges both copies of {@code key}; each side that lacks the merge gets it. */
  private CompletableFuture<Integer> repair(BucketKey key) {
    ConflictMode mode = modes.apply(key);
    return ask(new ReplicaGet(partition, key), ReplicaGetReply.class).thenCompose(reply -> {
      if (reply.status() != ReplicaStatus.OK) {
        return CompletableFuture.completedFuture(0);
      }
      StoredObject theirs = reply.object();
      StoredObject merged = store.merge(partition, key, theirs, mode);
      if (theirs.descends(merged)) {
        return CompletableFuture.completedFuture(1);
      }
      bytesSent += codec.encode(merged).length;
      return ask(new ReplicaPut(partition, key, merged, mode, Optional.empty()), WireMessage.class).thenApply(r -> 1);
    });
  }

  private <T extends WireMessage> CompletableFuture<T> ask(WireMessage request, Class<T> type) {
    return transport.request(peer, request, timeout).thenApply(reply -> {
      if (!type.isInstance(reply)) {
        throw new IllegalStateException(peer + " answered " + reply.getClass().getSimpleName() + " to " + request.getClass().getSimpleName());
      }
      return type.cast(reply);
    });
  }
}
