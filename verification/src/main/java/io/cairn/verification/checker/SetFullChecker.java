package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jepsen's {@code checker/set-full}, per key ({@code :key} extra), for ops {@code :add} (value: the
 * element, a Long) and {@code :read} (ok value: the set of elements seen). Only ok reads count.
 *
 * <p>Per element, its <em>known</em> point is the earlier of its ok add's completion and the
 * completion of the first read that saw it. Reads are ordered by invocation. With the last read
 * being the latest-invoked ok read of the key:
 * <ul>
 * <li><b>lost</b>: known, and the last read began after it was known and missed it (it may have
 *     been seen earlier); or, when reads marked {@code :final true} exist, any final read that
 *     began after it was known missed it (every node's final read must hold it; misses are
 *     counted per {@code :node}).</li>
 * <li><b>stable</b>: not lost and the last read saw it. It is also <b>stale</b> when some read
 *     that began after it was known missed it; its stable latency is from known to just after
 *     the invocation of the latest read that missed it (0 if none), in ms.</li>
 * <li><b>never-read</b>: neither, e.g. no read began after it was known, or it was never known
 *     (its add failed or was indeterminate and no read saw it).</li>
 * <li><b>unexpected</b>: a read returned an element no add was ever invoked for.</li>
 * </ul>
 * Adds that failed or were indeterminate but are seen are fine. Valid when nothing is lost or
 * unexpected. Latency distributions are at Jepsen's points 0, 0.5, 0.95, 0.99, 1. Linear in the
 * total size of the reads.
 */
public final class SetFullChecker implements Checker {

  @Override
  public SetFullResult check(History history) {
    Map<String, SetFullResult.KeyResult> results = new TreeMap<>(Values.KEY_ORDER);
    Values.byKey(history.pairs()).forEach((key, pairs) -> {
      if (pairs.stream().anyMatch(p -> p.f().equals("add") || p.f().equals("read"))) {
        results.put(key, new SetKeyAnalysis(pairs).result());
      }
    });
    return new SetFullResult(results);
  }

  /**
   * The 2013 Riak experiment figures. "The final read(s)" are the ok reads marked
   * {@code :final true}, else the last ok read of each key; a survivor is an added element
   * present in all of them. A key with no ok read at all has no survivors.
   */
  public SetSurvivalResult survival(History history) {
    long total = 0;
    long acknowledged = 0;
    long survivors = 0;
    long acknowledgedLost = 0;
    long unacknowledgedSurvived = 0;
    Map<String, List<Long>> lost = new TreeMap<>(Values.KEY_ORDER);
    for (Map.Entry<String, List<OpPair>> group
        : Values.byKey(history.pairs()).entrySet()) {
      SetKeyAnalysis analysis = new SetKeyAnalysis(group.getValue());
      List<Integer> finals = analysis.survivalRanks();
      List<Long> lostHere = new ArrayList<>();
      for (SetKeyAnalysis.Element e : analysis.sortedElements()) {
        total++;
        boolean survived = !finals.isEmpty()
            && finals.stream().allMatch(e.presence::containsSorted);
        if (survived) {
          survivors++;
        }
        if (e.acknowledged) {
          acknowledged++;
          if (!survived) {
            acknowledgedLost++;
            lostHere.add(e.value);
          }
        } else if (survived) {
          unacknowledgedSurvived++;
        }
      }
      if (!lostHere.isEmpty()) {
        lost.put(group.getKey(), lostHere);
      }
    }
    return new SetSurvivalResult(total, acknowledged, survivors, acknowledgedLost, unacknowledgedSurvived, lost);
  }
}
