package io.cairn.node.antientropy;

import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.merkle.ItemHashes;
import io.cairn.protocol.merkle.TicTacTree;
import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.StorageEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's TicTac tree per partition, kept current by every change its {@link ReplicaStore}
 * makes (old item out, new item in: O(depth) per write) and rebuilt from storage at start-up, since
 * the trees themselves live only in memory.
 */
public final class PartitionTrees implements ReplicaStore.ChangeListener {

  private final int leafCount;
  /** An empty tree of the shape every partition uses: answers shape questions such as leafOf. */
  private final TicTacTree shape;
  private final Map<Integer, TicTacTree> trees = new ConcurrentHashMap<>();

  public PartitionTrees(int leafCount) {
    this.shape = new TicTacTree(leafCount); // validates the shape
    this.leafCount = leafCount;
  }

  public int leafCount() {
    return leafCount;
  }

  /** The item hash of a stored object's bytes (0 for none). */
  public static long itemOf(BucketKey key, byte[] bytes) {
    return bytes == null ? 0L : ItemHashes.item(key, ItemHashes.versionDigest(bytes));
  }

  @Override
  public void changed(int partition, BucketKey key, byte[] before, byte[] after) {
    long oldItem = itemOf(key, before);
    long newItem = itemOf(key, after);
    if (oldItem != newItem) {
      TicTacTree t = tree(partition);
      synchronized (t) {
        t.replace(ItemHashes.position(key), oldItem, newItem);
      }
    }
  }

  private TicTacTree tree(int partition) {
    return trees.computeIfAbsent(partition, p -> new TicTacTree(leafCount));
  }

  /** Rebuilds one partition's tree from what storage holds now. */
  public void rebuild(int partition, StorageEngine engine) {
    trees.put(partition, build(partition, engine));
  }

  private TicTacTree build(int partition, StorageEngine engine) {
    TicTacTree fresh = new TicTacTree(leafCount);
    try (PartitionScan scan = engine.scan(partition)) {
      while (scan.hasNext()) {
        PartitionScan.Entry e = scan.next();
        fresh.add(ItemHashes.position(e.key()), itemOf(e.key(), e.value()));
      }
    }
    return fresh;
  }

  /** Rebuilds every partition storage holds (at start-up). */
  public void rebuildAll(StorageEngine engine) {
    for (int p : engine.partitions()) {
      rebuild(p, engine);
    }
  }

  /** The tree values at the given heap indices (for a peer's comparison). */
  public List<Long> nodes(int partition, List<Integer> indices) {
    TicTacTree t = tree(partition);
    List<Long> out = new ArrayList<>(indices.size());
    synchronized (t) {
      for (int i : indices) {
        out.add(t.node(i));
      }
    }
    return out;
  }

  /** The leaf a key falls in. */
  public int leafOf(BucketKey key) {
    return shape.leafOf(ItemHashes.position(key));
  }

  /** Whether this node's tree of {@code partition} is the same as a rebuild from storage. */
  public boolean verify(int partition, StorageEngine engine) {
    TicTacTree fresh = build(partition, engine);
    TicTacTree t = tree(partition);
    synchronized (t) {
      return t.sameAs(fresh);
    }
  }

  /** The keys and items storage holds in the given leaves of a partition. */
  public Map<BucketKey, Long> keysInLeaves(int partition, Set<Integer> leaves, StorageEngine engine) {
    Map<BucketKey, Long> out = new HashMap<>();
    try (PartitionScan scan = engine.scan(partition)) {
      while (scan.hasNext()) {
        PartitionScan.Entry e = scan.next();
        if (leaves.contains(leafOf(e.key()))) {
          out.put(e.key(), itemOf(e.key(), e.value()));
        }
      }
    }
    return out;
  }
}
