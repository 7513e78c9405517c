package io.cairn.protocol.ring;

/**
 * How many partitions each member should own after a claim: within one of its weighted share,
 * and as close to what it owns now as that allows, so that as few partitions as possible move.
 *
 * <p>A member's share is {@code Q * weight / W} (W the total weight). Its balanced range is
 * [max(0, ceil(share - 1)), floor(share + 1)], i.e. every count c with {@code |c*W - Q*weight| <= W};
 * the ranges always admit a total of exactly Q. All comparisons use those exact long products,
 * never floating point, so the result is the same on every JVM.
 *
 * <p>Start from the current count clamped into the range; every partition a clamp removes must
 * move, and no fewer can. Then fix the total one unit at a time:
 *
 * <ul>
 *   <li>Too many: take one from the member furthest above its share (ties: smallest id). Members
 *       clamped up sit at their lower bound and are never picked, so each unit taken is a
 *       partition that must move; the total moved stays minimal.
 *   <li>Too few: give one to a member that receives anyway (it was clamped up or is new), so the
 *       set of nodes gaining partitions stays as small as possible: on a join only the new nodes
 *       gain, whenever some balanced ring allows that. Then prefer the member furthest below its share (ties: smallest id). Giving never
 *       adds a move: the units come from departed members' or clamped-down members' partitions.
 * </ul>
 *
 * Preferring the member furthest from its share keeps counts drifting back towards their
 * shares, which leaves more slack for the next join or leave to move only what it must.
 *
 * <p>On a leave the remaining members are only clamped up (their shares grow), so if the clamped
 * counts fit in Q nobody but the leavers gives. They may not fit: a member sitting at the bottom
 * of its range whose share rises past it must gain, and if the leavers owned too few partitions,
 * a remaining member has to give. The same holds, mirrored, for a join. No balanced ring avoids
 * it then; see docs/ring.md.
 */
final class ClaimTargets {

  private ClaimTargets() {}

  /**
   * @param weights member weights, in member (id) order
   * @param current partitions each member owns now (0 for a new member)
   * @param isNew whether the member is absent from the previous ring
   * @param q the partition count
   * @return the target count per member, summing to q
   */
  static int[] compute(int[] weights, int[] current, boolean[] isNew, int q) {
    int m = weights.length;
    long total = 0;
    for (int w : weights) {
      total += w;
    }
    int[] low = new int[m];
    int[] high = new int[m];
    int[] target = new int[m];
    long sum = 0;
    for (int i = 0; i < m; i++) {
      long scaled = (long) q * weights[i];
      low[i] = (int) Math.max(0, -Math.floorDiv(total - scaled, total)); // ceil(share - 1)
      high[i] = (int) Math.floorDiv(scaled + total, total); // floor(share + 1)
      target[i] = Math.max(low[i], Math.min(high[i], current[i]));
      sum += target[i];
    }
    while (sum > q) {
      int pick = -1;
      for (int i = 0; i < m; i++) {
        if (target[i] > low[i]
            && (pick < 0 || excess(target, weights, i, q, total) > excess(target, weights, pick, q, total))) {
          pick = i;
        }
      }
      target[pick]--;
      sum--;
    }
    while (sum < q) {
      int pick = -1;
      for (int i = 0; i < m; i++) {
        if (target[i] < high[i] && (pick < 0 || betterReceiver(i, pick, target, current, isNew, weights, q, total))) {
          pick = i;
        }
      }
      target[pick]++;
      sum++;
    }
    return target;
  }

  /** (target - share) scaled by the total weight, exact. */
  private static long excess(int[] target, int[] weights, int i, int q, long total) {
    return target[i] * total - (long) q * weights[i];
  }

  private static boolean betterReceiver(
      int i, int pick, int[] target, int[] current, boolean[] isNew, int[] weights, int q, long total) {
    boolean iReceives = isNew[i] || target[i] > current[i];
    boolean pickReceives = isNew[pick] || target[pick] > current[pick];
    if (iReceives != pickReceives) {
      return iReceives;
    }
    // Strictly further below share wins; on a tie the earlier (smaller id) pick stays.
    return excess(target, weights, i, q, total) < excess(target, weights, pick, q, total);
  }
}
