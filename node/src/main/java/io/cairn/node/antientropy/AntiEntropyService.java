package io.cairn.node.antientropy;

import io.cairn.protocol.wire.LeafKeysReply;
import io.cairn.protocol.wire.LeafKeysRequest;
import io.cairn.protocol.wire.MerkleNodesReply;
import io.cairn.protocol.wire.MerkleNodesRequest;
import io.cairn.protocol.wire.WireMessage;
import io.cairn.storage.StorageEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Answers a peer's exchange requests from this node's trees and storage. */
public final class AntiEntropyService {

  private final PartitionTrees trees;
  private final StorageEngine engine;
  private final java.util.concurrent.Executor background;

  /**
   * @param background where the answers are computed: listing a leaf's keys scans a partition, which
   *     must not hold up an event loop
   */
  public AntiEntropyService(PartitionTrees trees, StorageEngine engine, java.util.concurrent.Executor background) {
    this.trees = trees;
    this.engine = engine;
    this.background = background;
  }

  public boolean handles(WireMessage request) {
    return request instanceof MerkleNodesRequest || request instanceof LeafKeysRequest;
  }

  /** The reply, computed on the background executor. */
  public java.util.concurrent.CompletableFuture<WireMessage> handleAsync(WireMessage request) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> handle(request).orElseThrow(() -> new IllegalArgumentException("not an anti-entropy request")), background);
  }

  /** The reply to an anti-entropy request, or empty if the message is not one. */
  public Optional<WireMessage> handle(WireMessage request) {
    if (request instanceof MerkleNodesRequest r) {
      checkShape(r.leafCount());
      return Optional.of(new MerkleNodesReply(trees.nodes(r.partition(), r.indices())));
    }
    if (request instanceof LeafKeysRequest r) {
      checkShape(r.leafCount());
      List<LeafKeysReply.KeyItem> items = trees.keysInLeaves(r.partition(), new HashSet<>(r.leaves()), engine)
          .entrySet().stream().map(e -> new LeafKeysReply.KeyItem(e.getKey(), e.getValue())).toList();
      return Optional.of(new LeafKeysReply(items));
    }
    return Optional.empty();
  }

  private void checkShape(int leafCount) {
    if (leafCount != trees.leafCount()) {
      throw new IllegalArgumentException(
          "tree shapes differ: asked for " + leafCount + " leaves, this node keeps " + trees.leafCount());
    }
  }
}
