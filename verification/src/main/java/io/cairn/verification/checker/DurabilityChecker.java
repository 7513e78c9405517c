package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Acknowledged data survives crashes. Kills are nemesis ops {@code :kill} (paired by the
 * nemesis process; the invocation marks the kill). Every ok {@code :add} or {@code :write}
 * whose completion came before some kill was invoked must be in every final read
 * ({@code :read}, ok, {@code :final true}) of its key that began after it completed; a
 * {@code :write} superseded (transitively) by another write that did not fail is excused, as it
 * may legitimately be gone. Reported per kill: the ops acknowledged since the previous kill and
 * how many of those are missing. Valid when none is missing. Keys without final reads are
 * counted as unchecked.
 */
public final class DurabilityChecker implements Checker {

  /** One kill: its invocation index and time, its value (the node), and its window's figures. */
  public record Kill(long index, long time, Object value, int acknowledgedBefore, List<Long> missing) {
    public Kill {
      missing = List.copyOf(missing);
    }
  }

  public record Result(List<Kill> kills, int uncheckedKeys) implements CheckResult {

    public Result {
      kills = List.copyOf(kills);
    }

    public int missingCount() {
      return kills.stream().mapToInt(k -> k.missing().size()).sum();
    }

    @Override
    public boolean valid() {
      return missingCount() == 0;
    }

    @Override
    public Map<String, Object> toEdn() {
      Map<String, Object> edn = new LinkedHashMap<>();
      edn.put("valid?", valid());
      edn.put("kill-count", kills.size());
      edn.put("missing-count", missingCount());
      edn.put("unchecked-keys", uncheckedKeys);
      List<Map<String, Object>> perKill = new ArrayList<>();
      for (Kill k : kills) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", k.index());
        m.put("time", k.time());
        m.put("value", k.value());
        m.put("acknowledged-before", k.acknowledgedBefore());
        m.put("missing-count", k.missing().size());
        m.put("missing", k.missing());
        perKill.add(m);
      }
      edn.put("kills", perKill);
      return edn;
    }
  }

  @Override
  public Result check(History history) {
    List<OpPair> kills = history.pairs().stream()
        .filter(p -> p.invocation().isNemesis() && p.f().equals("kill")).toList();
    // Kill windows: ops completed in [previous kill, this kill) belong to this kill.
    int[] acknowledged = new int[kills.size()];
    List<TreeSet<Long>> missing = new ArrayList<>();
    kills.forEach(k -> missing.add(new TreeSet<>()));
    int unchecked = 0;
    for (List<OpPair> pairs : Values.byKey(history.pairs()).values()) {
      List<OpPair> finals = pairs.stream()
          .filter(p -> p.f().equals("read") && p.isOk() && Values.isFinal(p)).toList();
      List<Set<Long>> finalValues = new ArrayList<>();
      for (OpPair read : finals) {
        Set<Long> values = new HashSet<>();
        for (long v : Values.asLongs(read.completion().value())) {
          values.add(v);
        }
        finalValues.add(values);
      }
      SupersessionGraph graph = new SupersessionGraph(pairs);
      boolean[] excused = graph.supersededBy(p -> !p.isFail());
      boolean hasAcked = false;
      for (OpPair op : pairs) {
        boolean add = op.f().equals("add");
        if (!(add || op.f().equals("write")) || !op.isOk()) {
          continue;
        }
        int window = windowOf(kills, op.completion().index());
        if (window < 0) {
          continue;
        }
        hasAcked = true;
        acknowledged[window]++;
        long value = Values.asLong(op.invocation().value());
        if (!add && excused[graph.id(value)]) {
          continue;
        }
        for (int i = 0; i < finals.size(); i++) {
          if (finals.get(i).invocation().index() > op.completion().index()
              && !finalValues.get(i).contains(value)) {
            missing.get(window).add(value);
          }
        }
      }
      if (hasAcked && finals.isEmpty()) {
        unchecked++;
      }
    }
    List<Kill> result = new ArrayList<>();
    for (int i = 0; i < kills.size(); i++) {
      OpPair k = kills.get(i);
      result.add(new Kill(k.invocation().index(), k.invocation().time(), k.invocation().value(),
          acknowledged[i], new ArrayList<>(missing.get(i))));
    }
    return new Result(result, unchecked);
  }

  /** The first kill invoked after {@code completionIndex}, or -1 if none was. */
  private static int windowOf(List<OpPair> kills, long completionIndex) {
    int lo = 0;
    int hi = kills.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (kills.get(mid).invocation().index() > completionIndex) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < kills.size() ? lo : -1;
  }
}
