package io.cairn.node.antientropy;

import io.cairn.node.cluster.InboundChecks;
import io.cairn.node.net.MessageHandlers;
import io.cairn.protocol.wire.LeafKeysReply;
import io.cairn.protocol.wire.LeafKeysRequest;
import io.cairn.protocol.wire.MerkleNodesReply;
import io.cairn.protocol.wire.MerkleNodesRequest;
import io.cairn.storage.StorageEngine;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Answers a peer's exchange requests from this node's trees and storage. */
public final class AntiEntropyService {

  private final InboundChecks checks;
  private final PartitionTrees trees;
  private final StorageEngine engine;
  private final Executor background;

  /**
   * @param background where the answers are computed: listing a leaf's keys scans a partition, which
   *     must not hold up an event loop
   */
  public AntiEntropyService(PartitionTrees trees, StorageEngine engine, Executor background, InboundChecks checks) {
    this.checks = checks;
    this.trees = trees;
    this.engine = engine;
    this.background = background;
  }

  /** Registers the exchange handlers; their answers are computed on the background executor. */
  public void registerWith(MessageHandlers handlers) {
    handlers.register(MerkleNodesRequest.class, (from, r) -> CompletableFuture.supplyAsync(() -> nodes(r), background))
        .register(LeafKeysRequest.class, (from, r) -> CompletableFuture.supplyAsync(() -> leafKeys(r), background));
  }

  MerkleNodesReply nodes(MerkleNodesRequest r) {
    checks.partition(r.partition());
    checkShape(r.leafCount());
    return new MerkleNodesReply(trees.nodes(r.partition(), r.indices()));
  }

  LeafKeysReply leafKeys(LeafKeysRequest r) {
    checks.partition(r.partition());
    checkShape(r.leafCount());
    List<LeafKeysReply.KeyItem> items = trees.keysInLeaves(r.partition(), new HashSet<>(r.leaves()), engine)
        .entrySet().stream().map(e -> new LeafKeysReply.KeyItem(e.getKey(), e.getValue())).toList();
    return new LeafKeysReply(items);
  }

  private void checkShape(int leafCount) {
    if (leafCount != trees.leafCount()) {
      throw new IllegalArgumentException(
          "tree shapes differ: asked for " + leafCount + " leaves, this node keeps " + trees.leafCount());
    }
  }
}
