package io.cairn.protocol.ring;

import java.util.List;
import java.util.Set;

/**
 * Moves partitions so that every member reaches its {@link ClaimTargets target} count, moving
 * exactly the partitions that must move: all partitions of departed members, and each member's
 * surplus over its target.
 *
 * <p>Partitions go straight from giver to receiver, in passes from the most to the least
 * desirable move, each pass in ascending partition order:
 *
 * <ol>
 *   <li>unowned partitions (departed owner, or a fresh claim) to a receiver that is clean there;
 *   <li>surplus partitions whose owner conflicts there, to a clean receiver;
 *   <li>any surplus partition, to a clean receiver;
 *   <li>then the same three again, accepting a conflicting receiver: these must move anyway.
 * </ol>
 *
 * Among eligible receivers: the lowest {@link Ownership#conflictCost conflict cost} (0 is clean;
 * a forced conflict at distance targetN - 1 costs one skipped list, at distance 1 targetN - 1),
 * then the largest remaining need, then the smallest id.
 * Choosing which surplus partition to give by whether someone can take it cleanly is what keeps
 * a join conflict-free; releasing the lowest-indexed surplus first, then handing out, would give
 * the new node a run of adjacent partitions. {@link Untangler} then repairs what greed left.
 */
final class Reassignment {

  private final Ownership ownership;
  private final int[] target;

  private Reassignment(Ownership ownership, int[] target) {
    this.ownership = ownership;
    this.target = target;
  }

  /**
   * @param members the new members, sorted by id
   * @param previousOwners owners by partition in the previous ring, or empty for a fresh claim
   * @param previousIds the members of the previous ring (empty for a fresh claim)
   * @return the new owner of every partition
   */
  static List<NodeId> run(
      List<Member> members, int targetN, int q, List<NodeId> previousOwners, Set<NodeId> previousIds) {
    Ownership ownership = new Ownership(members, targetN, q, previousOwners);
    int[] weights = new int[members.size()];
    int[] current = new int[members.size()];
    boolean[] isNew = new boolean[members.size()];
    for (int i = 0; i < members.size(); i++) {
      weights[i] = members.get(i).weight();
      current[i] = ownership.count(i);
      isNew[i] = !previousIds.contains(members.get(i).id());
    }
    int[] target = ClaimTargets.compute(weights, current, isNew, q);
    new Reassignment(ownership, target).moveAll();
    new Untangler(ownership).run();
    return ownership.owners(members);
  }

  private void moveAll() {
    for (boolean onlyIfClean : new boolean[] {true, false}) {
      for (int p = 0; p < ownership.q; p++) {
        if (ownership.owner(p) == Ownership.UNOWNED) {
          move(p, onlyIfClean);
        }
      }
      for (int p = 0; p < ownership.q; p++) {
        if (hasSurplus(p) && ownership.conflicted(p)) {
          move(p, onlyIfClean);
        }
      }
      for (int p = 0; p < ownership.q; p++) {
        if (hasSurplus(p)) {
          move(p, onlyIfClean);
        }
      }
    }
  }

  private boolean hasSurplus(int p) {
    int owner = ownership.owner(p);
    return owner != Ownership.UNOWNED && ownership.count(owner) > target[owner];
  }

  private void move(int p, boolean onlyIfClean) {
    int best = Ownership.UNOWNED;
    int bestCost = Integer.MAX_VALUE;
    for (int i = 0; i < ownership.memberCount; i++) {
      if (ownership.count(i) >= target[i]) {
        continue;
      }
      int cost = ownership.conflictCost(p, i);
      if (cost < bestCost
          || (cost == bestCost && need(i) > need(best))
          || (cost == bestCost && need(i) == need(best)
              && ownership.familiarity(p, i) < ownership.familiarity(p, best))) {
        best = i;
        bestCost = cost;
      }
    }
    if (best != Ownership.UNOWNED && (bestCost == 0 || !onlyIfClean)) {
      ownership.assign(p, best);
    }
  }

  private int need(int member) {
    return target[member] - ownership.count(member);
  }
}
