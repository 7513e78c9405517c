package io.cairn.protocol.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TicTac Merkle tree (after the "TicTac" trees of Riak's leveled backend): a complete binary tree
 * over {@code leafCount} leaves in which every node is the XOR of the nodes below it, and a leaf is
 * the XOR of the item hashes of the keys that fall in it.
 *
 * <p>Because XOR is its own inverse and associative, a write that changes one key's item hash from
 * {@code old} to {@code new} is applied by XOR-ing {@code old ^ new} into its leaf and every
 * ancestor: O(depth), no rescan, and the result is the same whatever order updates arrive in. Two
 * replicas holding the same (key, version) pairs have equal trees; comparing them top-down finds the
 * differing leaves while looking only at branches that differ ({@link #differingLeaves}).
 *
 * <p>Not thread-safe; the node guards each partition's tree. Pure: no I/O, no clock.
 */
public final class TicTacTree {

  private final int leafCount;
  /** Heap layout: node 1 is the root, node i has children 2i and 2i+1, leaves are [leafCount, 2·leafCount). */
  private final long[] nodes;

  /** @param leafCount a power of two between 1 and 2^20 */
  public TicTacTree(int leafCount) {
    if (leafCount < 1 || leafCount > (1 << 20) || Integer.bitCount(leafCount) != 1) {
      throw new IllegalArgumentException("leaf count must be a power of two between 1 and 2^20, was " + leafCount);
    }
    this.leafCount = leafCount;
    this.nodes = new long[2 * leafCount];
  }

  public int leafCount() {
    return leafCount;
  }

  public int depth() {
    return Integer.numberOfTrailingZeros(leafCount);
  }

  /** The leaf a key with position hash {@code keyPosition} falls in (top bits of the position). */
  public int leafOf(long keyPosition) {
    return leafCount == 1 ? 0 : (int) (keyPosition >>> (64 - depth()));
  }

  /** Adds an item (a key at a version) to the tree. */
  public void add(long keyPosition, long itemHash) {
    xorPath(leafOf(keyPosition), itemHash);
  }

  /** Removes an item previously added with the same arguments. */
  public void remove(long keyPosition, long itemHash) {
    xorPath(leafOf(keyPosition), itemHash);
  }

  /** A key's version changed: {@code oldItem} out, {@code newItem} in (0 means "absent"). */
  public void replace(long keyPosition, long oldItem, long newItem) {
    xorPath(leafOf(keyPosition), oldItem ^ newItem);
  }

  private void xorPath(int leaf, long delta) {
    for (int i = leafCount + leaf; i >= 1; i >>>= 1) {
      nodes[i] ^= delta;
    }
  }

  public long root() {
    return nodes[1];
  }

  /** The value of heap node {@code index} (1 = root), as exchanged during a comparison. */
  public long node(int index) {
    if (index < 1 || index >= nodes.length) {
      throw new IllegalArgumentException("no node " + index + " in a tree of " + leafCount + " leaves");
    }
    return nodes[index];
  }

  public long leaf(int leaf) {
    return nodes[leafCount + leaf];
  }

  /** Clears the tree (before a rebuild from storage). */
  public void clear() {
    Arrays.fill(nodes, 0L);
  }

  /**
   * The leaves whose values differ from {@code other}'s, found top-down: a branch whose value
   * matches is not descended into. {@code visited} (if not null) receives every node compared,
   * which is what an exchange over the network would transfer.
   */
  public List<Integer> differingLeaves(TicTacTree other, List<Integer> visited) {
    if (other.leafCount != leafCount) {
      throw new IllegalArgumentException("trees of " + leafCount + " and " + other.leafCount + " leaves cannot be compared");
    }
    List<Integer> frontier = new ArrayList<>(List.of(1));
    List<Integer> leaves = new ArrayList<>();
    while (!frontier.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : frontier) {
        if (visited != null) {
          visited.add(i);
        }
        if (nodes[i] == other.nodes[i]) {
          continue;
        }
        if (i >= leafCount) {
          leaves.add(i - leafCount);
        } else {
          next.add(2 * i);
          next.add(2 * i + 1);
        }
      }
      frontier = next;
    }
    return leaves;
  }

  /** Whether every node equals {@code other}'s (same shape, same contents). */
  public boolean sameAs(TicTacTree other) {
    return leafCount == other.leafCount && Arrays.equals(nodes, other.nodes);
  }
}
