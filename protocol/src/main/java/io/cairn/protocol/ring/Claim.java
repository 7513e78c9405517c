package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic partition assignment, Dynamo's strategy 3: Q equal partitions, each member
 * claiming a number in proportion to its weight.
 *
 * <p>Guarantees, for any member list (its order is irrelevant):
 *
 * <ul>
 *   <li>Determinism: equal inputs give equal rings, on every node that computes them.
 *   <li>Balance: each member owns c partitions with {@code |c*W - Q*weight| <= W}, i.e. within
 *       one of its weighted share (a member whose share is below one may own none).
 *   <li>Minimal movement: no balanced ring differs from the previous one in fewer partitions.
 *   <li>Join and leave: on a join only partitions moving to the new nodes change owner, and on a
 *       leave only the leavers' partitions move, whenever some balanced ring does so. Rarely
 *       (about 1 in 3,000 joins and 1 in 1,100 leaves in randomized histories) balance forbids
 *       it; see {@link ClaimTargets} and docs/ring.md.
 * </ul>
 *
 * Within those, it spreads each node's (or zone's) partitions at least targetN apart when it can,
 * so that preference lists rarely need to skip; see {@link Reassignment}.
 *
 * @param targetN the replication factor the claim spreads partitions for
 */
public record Claim(int targetN) {

  /** The usual Dynamo replication factor. */
  public static final int DEFAULT_TARGET_N = 3;

  public Claim {
    if (targetN < 1) {
      throw new IllegalArgumentException("claim target n is " + targetN + "; it must be at least 1");
    }
  }

  /** A claim spreading for {@value #DEFAULT_TARGET_N} replicas. */
  public Claim() {
    this(DEFAULT_TARGET_N);
  }

  /** A fresh ring, at epoch 1, for a new cluster. */
  public Ring claim(List<Member> members, int partitionCount) {
    Partitioner.requireValidPartitionCount(partitionCount);
    List<Member> sorted = sortedMembers(members);
    List<NodeId> owners = Reassignment.run(sorted, targetN, partitionCount, List.of(), Set.of());
    return new Ring(1, partitionCount, sorted, owners);
  }

  /**
   * The next ring after a membership change: members may have been added, removed or re-weighted.
   * Same partition count, epoch one higher.
   */
  public Ring claim(List<Member> members, Ring previous) {
    if (previous == null) {
      throw new IllegalArgumentException("previous ring must not be null");
    }
    List<Member> sorted = sortedMembers(members);
    List<NodeId> owners =
        Reassignment.run(
            sorted,
            targetN,
            previous.partitionCount(),
            previous.owners(),
            new HashSet<>(previous.memberIds()));
    return new Ring(
        Math.addExact(previous.epoch(), 1), previous.partitionCount(), sorted, owners);
  }

  private static List<Member> sortedMembers(List<Member> members) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("a claim needs at least one member");
    }
    List<Member> sorted = new ArrayList<>(members.size());
    for (Member m : members) {
      if (m == null) {
        throw new IllegalArgumentException("members must not contain null");
      }
      sorted.add(m);
    }
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).id().equals(sorted.get(i).id())) {
        throw new IllegalArgumentException("node " + sorted.get(i).id() + " is listed twice");
      }
    }
    return List.copyOf(sorted);
  }
}
