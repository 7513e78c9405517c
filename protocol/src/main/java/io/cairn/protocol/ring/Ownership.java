package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working state of one claim: the owner of each partition (by member index), counts, which
 * partitions have moved, and the conflict measures. Mutable, and confined to a single claim call.
 *
 * <p>A conflict is two partitions less than targetN apart owned by the same node, or by the same
 * zone when the members span at least targetN zones: a preference list starting near them must
 * skip one, putting a replica on a node further along and making replica load uneven.
 */
final class Ownership {

  static final int UNOWNED = -1;

  /** Above this many members the neighbour matrix (members²) is not kept; see familiarity. */
  private static final int MAX_TRACKED_MEMBERS = 1024;

  final int q;
  final int memberCount;
  private final int reach;
  private final int[] conflictKey;
  private final int[] owner;
  private final int[] count;
  private final boolean[] moved;
  /** neighbours[a * memberCount + b]: how often a and b own partitions less than targetN apart. */
  private final int[] neighbours;

  /**
   * @param members the new members, sorted by id
   * @param previousOwners owners by partition in the previous ring, or empty for a fresh claim;
   *     partitions of departed members start out unowned
   */
  Ownership(List<Member> members, int targetN, int q, List<NodeId> previousOwners) {
    this.q = q;
    this.memberCount = members.size();
    this.reach = Math.min(targetN - 1, q / 2);
    boolean byZone = Zones.count(members) >= targetN;
    Map<String, Integer> keys = new HashMap<>();
    Map<NodeId, Integer> index = new HashMap<>();
    conflictKey = new int[memberCount];
    for (int i = 0; i < memberCount; i++) {
      Member member = members.get(i);
      String key = byZone ? Zones.keyOf(member) : "node:" + member.id().value();
      conflictKey[i] = keys.computeIfAbsent(key, k -> keys.size());
      index.put(member.id(), i);
    }
    owner = new int[q];
    count = new int[memberCount];
    moved = new boolean[q];
    neighbours = memberCount <= MAX_TRACKED_MEMBERS ? new int[memberCount * memberCount] : null;
    for (int p = 0; p < q; p++) {
      Integer i = previousOwners.isEmpty() ? null : index.get(previousOwners.get(p));
      owner[p] = i == null ? UNOWNED : i;
      if (i != null) {
        count[i]++;
      }
    }
    for (int p = 0; p < q; p++) {
      // Look ahead only, so that each pair of partitions is counted once.
      for (int d = 1; d <= reach && owner[p] != UNOWNED; d++) {
        meet(owner[p], owner[(p + d) % q], 1);
      }
    }
  }

  int owner(int p) {
    return owner[p];
  }

  int count(int member) {
    return count[member];
  }

  boolean moved(int p) {
    return moved[p];
  }

  /** Hands p to a member; the partition counts as moved from then on. */
  void assign(int p, int member) {
    if (owner[p] != UNOWNED) {
      count[owner[p]]--;
      meetAround(p, owner[p], -1);
    }
    owner[p] = member;
    count[member]++;
    meetAround(p, member, 1);
    moved[p] = true;
  }

  /**
   * Sets the owner of an already moved partition, leaving counts and neighbour statistics alone:
   * for {@link Untangler}, whose exchanges keep every count and run after familiarity is used.
   */
  void reown(int p, int member) {
    owner[p] = member;
  }

  boolean sameKey(int a, int b) {
    return conflictKey[a] == conflictKey[b];
  }

  /**
   * How badly member would conflict at p: each same-key partition at distance d (1 <= d < targetN)
   * shares targetN - d windows of targetN consecutive partitions with p, and each such window is a
   * preference list that must skip. 0 means clean.
   */
  int conflictCost(int p, int member) {
    int key = conflictKey[member];
    int cost = 0;
    for (int d = 1; d <= reach; d++) {
      int after = (p + d) % q;
      int before = Math.floorMod(p - d, q);
      if (owner[after] != UNOWNED && conflictKey[owner[after]] == key) {
        cost += reach + 1 - d;
      }
      if (before != after && owner[before] != UNOWNED && conflictKey[owner[before]] == key) {
        cost += reach + 1 - d;
      }
    }
    return cost;
  }

  /** Whether member would conflict at p: another partition within reach has its node/zone. */
  boolean conflicts(int p, int member) {
    return conflictCost(p, member) > 0;
  }

  /** Whether p's own owner conflicts there. */
  boolean conflicted(int p) {
    return owner[p] != UNOWNED && conflicts(p, owner[p]);
  }

  /**
   * How often member already sits within reach of the owners around p. Preferring the lowest
   * spreads each node's neighbours over many nodes instead of a fixed few (as a strict round robin
   * would), so that when a node leaves its partitions have many clean takers. Always 0 for very
   * large clusters, where the statistics would cost too much memory.
   */
  int familiarity(int p, int member) {
    if (neighbours == null) {
      return 0;
    }
    int sum = 0;
    for (int d = 1; d <= reach; d++) {
      int after = (p + d) % q;
      int before = Math.floorMod(p - d, q);
      if (owner[after] != UNOWNED) {
        sum += neighbours[member * memberCount + owner[after]];
      }
      if (before != after && owner[before] != UNOWNED) {
        sum += neighbours[member * memberCount + owner[before]];
      }
    }
    return sum;
  }

  List<NodeId> owners(List<Member> members) {
    List<NodeId> owners = new ArrayList<>(q);
    for (int p = 0; p < q; p++) {
      owners.add(members.get(owner[p]).id());
    }
    return owners;
  }

  private void meetAround(int p, int member, int delta) {
    for (int d = 1; d <= reach; d++) {
      int after = (p + d) % q;
      int before = Math.floorMod(p - d, q);
      meet(member, owner[after], delta);
      if (before != after) {
        meet(member, owner[before], delta);
      }
    }
  }

  private void meet(int a, int b, int delta) {
    if (neighbours != null && a != UNOWNED && b != UNOWNED) {
      neighbours[a * memberCount + b] += delta;
      neighbours[b * memberCount + a] += delta;
    }
  }
}
