package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import io.cairn.verification.history.OpPair;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A multi-value register with siblings, per key. Ops: {@code :write} (value: a Long unique per
 * write; extra {@code :supersedes} on the completion or the invocation: the sibling values of the read whose causal
 * context the write carried, absent or empty for a blind write) and {@code :read} (ok value: the
 * set of sibling values). {@code :delete} ops carry a unique Long too and {@code :supersedes} like a
 * context write, but write a tombstone: their value is never readable. Write (or delete) w
 * <em>supersedes</em> v when v is in w's {@code :supersedes}, or transitively so.
 * <ul>
 * <li><b>lost</b>: an ok write missing from a final read ({@code :final true}) invoked after
 *     the write completed, and not superseded by any write that was ok, indeterminate
 *     ({@code :info}) or never completed.</li>
 * <li><b>resurrected</b>: a value superseded by an ok write or delete yet present in a final read
 *     — deleted data coming back.</li>
 * <li><b>phantom</b>: a value in any ok read that no write was invoked with.</li>
 * <li><b>false siblings</b>: an ok read holding both v and a w that supersedes v, so the
 *     siblings are not an antichain (what plain version vectors produce and dotted version
 *     vectors never do). Any w counts whatever its completion: it was read, so it happened.</li>
 * </ul>
 * Also reported: the most siblings any read returned and the number of processes that invoked
 * writes. The "siblings ≤ concurrent writers" bound is not checked beyond the antichain: with
 * stale reads, "concurrent" is not well defined from the history alone. Valid when nothing is
 * lost, resurrected, phantom or a false sibling. Without final reads, lost and resurrected are
 * not judged.
 */
public final class SiblingRegisterChecker implements Checker {

  @Override
  public SiblingRegisterResult check(History history) {
    Map<String, SiblingRegisterResult.KeyResult> results = new TreeMap<>(Values.KEY_ORDER);
    Set<Integer> writers = new HashSet<>();
    Values.byKey(history.pairs()).forEach((key, pairs) -> {
      if (pairs.stream().anyMatch(p -> p.f().equals("write") || p.f().equals("read"))) {
        results.put(key, new SiblingRegisterKeyAnalysis(pairs).result());
      }
      pairs.stream().filter(p -> p.f().equals("write")).map(OpPair::process).forEach(writers::add);
    });
    return new SiblingRegisterResult(results, writers.size());
  }
}
