package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves partitions so that every member reaches its {@link ClaimTargets target} count, touching
 * only the partitions that must move.
 *
 * <p>Departed members release all their partitions; a member above its target releases its
 * surplus, first partitions that sit near another partition of the same node (or zone), then the
 * lowest-indexed. Released partitions are handed out in ascending order to members below target,
 * preferring one that creates no conflict, then the one needing most, then the smallest id.
 *
 * <p>A conflict is the same node, or the same zone when there are at least targetN zones, owning
 * two partitions less than targetN apart: a preference list starting near them must skip one,
 * which puts an extra replica on a node further along. Conflicts are avoided, not forbidden.
 *
 * <p>One instance per claim: it holds the claim's working state and is discarded afterwards.
 */
final class Reassignment {

  private static final int RELEASED = -1;

  private final List<Member> members;
  private final int q;
  private final int reach;
  private final int[] conflictKey;
  private final int[] owner;
  private final int[] count;

  private Reassignment(List<Member> members, int targetN, int q, List<NodeId> previousOwners) {
    this.members = members;
    this.q = q;
    this.reach = targetN - 1;
    boolean byZone = Zones.count(members) >= targetN;
    Map<String, Integer> keys = new HashMap<>();
    Map<NodeId, Integer> index = new HashMap<>();
    conflictKey = new int[members.size()];
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      String key = byZone ? Zones.keyOf(member) : member.id().value();
      conflictKey[i] = keys.computeIfAbsent(key, k -> keys.size());
      index.put(member.id(), i);
    }
    owner = new int[q];
    count = new int[members.size()];
    for (int p = 0; p < q; p++) {
      // No previous ring, or a departed owner: the partition is up for grabs.
      Integer i = previousOwners.isEmpty() ? null : index.get(previousOwners.get(p));
      owner[p] = i == null ? RELEASED : i;
      if (i != null) {
        count[i]++;
      }
    }
  }

  /**
   * @param members the new members, sorted by id
   * @param previousOwners owners by partition in the previous ring, or empty for a fresh claim
   * @param previousIds the members of the previous ring (empty for a fresh claim)
   */
  static List<NodeId> run(
      List<Member> members, int targetN, int q, List<NodeId> previousOwners, Set<NodeId> previousIds) {
    Reassignment r = new Reassignment(members, targetN, q, previousOwners);
    int[] weights = members.stream().mapToInt(Member::weight).toArray();
    boolean[] isNew = new boolean[members.size()];
    for (int i = 0; i < isNew.length; i++) {
      isNew[i] = !previousIds.contains(members.get(i).id());
    }
    int[] target = ClaimTargets.compute(weights, r.count.clone(), isNew, q);
    for (int i = 0; i < members.size(); i++) {
      r.release(i, r.count[i] - target[i]);
    }
    r.handOut(target);
    List<NodeId> owners = new ArrayList<>(q);
    for (int p = 0; p < q; p++) {
      owners.add(members.get(r.owner[p]).id());
    }
    return owners;
  }

  private void release(int member, int surplus) {
    // Conflicting partitions first: moving them away also spreads the replicas better.
    for (int p = 0; p < q && surplus > 0; p++) {
      if (owner[p] == member && conflicts(p, conflictKey[member])) {
        owner[p] = RELEASED;
        count[member]--;
        surplus--;
      }
    }
    for (int p = 0; p < q && surplus > 0; p++) {
      if (owner[p] == member) {
        owner[p] = RELEASED;
        count[member]--;
        surplus--;
      }
    }
  }

  private void handOut(int[] target) {
    for (int p = 0; p < q; p++) {
      if (owner[p] != RELEASED) {
        continue;
      }
      int best = RELEASED;
      boolean bestClean = false;
      for (int i = 0; i < members.size(); i++) {
        if (count[i] >= target[i]) {
          continue;
        }
        boolean clean = !conflicts(p, conflictKey[i]);
        if (best == RELEASED
            || (clean && !bestClean)
            || (clean == bestClean && target[i] - count[i] > target[best] - count[best])) {
          best = i;
          bestClean = clean;
        }
      }
      owner[p] = best;
      count[best]++;
    }
  }

  /** Whether another partition less than targetN away from p is owned under the same key. */
  private boolean conflicts(int p, int key) {
    for (int d = 1; d <= reach; d++) {
      int after = Math.floorMod(p + d, q);
      int before = Math.floorMod(p - d, q);
      if (after != p && owner[after] != RELEASED && conflictKey[owner[after]] == key) {
        return true;
      }
      if (before != p && owner[before] != RELEASED && conflictKey[owner[before]] == key) {
        return true;
      }
    }
    return false;
  }
}
