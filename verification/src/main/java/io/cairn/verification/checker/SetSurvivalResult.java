package io.cairn.verification.checker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures Jepsen printed for its 2013 Riak experiments, summed over keys: adds attempted,
 * adds acknowledged, survivors (added elements present in every final read), acknowledged adds
 * lost (not a survivor), unacknowledged adds that survived, and the acknowledged loss rate
 * (lost / acknowledged; 0 when nothing was acknowledged).
 */
public record SetSurvivalResult(long total, long acknowledged, long survivors, long acknowledgedLost,
                long unacknowledgedSurvived, Map<String, List<Long>> lostElements)
    implements CheckResult {

  public SetSurvivalResult {
    TreeMap<String, List<Long>> sorted = new TreeMap<>(Values.KEY_ORDER);
    lostElements.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
    lostElements = Collections.unmodifiableMap(sorted);
  }

  public double ackLossRate() {
    return acknowledged == 0 ? 0.0 : (double) acknowledgedLost / acknowledged;
  }

  @Override
  public boolean valid() {
    return acknowledgedLost == 0;
  }

  /** The report lines, worded as Jepsen's 2013 posts printed them. */
  public List<String> lines() {
    return List.of(
        total + " total",
        acknowledged + " acknowledged",
        survivors + " survivors",
        acknowledgedLost + " acknowledged writes lost! (╯°□°）╯︵ ┻━┻",
        unacknowledgedSurvived + " unacknowledged writes found! ヽ(´ー｀)ノ",
        String.format(Locale.ROOT, "%.7f ack loss rate", ackLossRate()));
  }

  @Override
  public Map<String, Object> toEdn() {
    Map<String, Object> edn = new LinkedHashMap<>();
    edn.put("valid?", valid());
    edn.put("total", total);
    edn.put("acknowledged", acknowledged);
    edn.put("survivors", survivors);
    edn.put("acknowledged-lost", acknowledgedLost);
    edn.put("unacknowledged-survived", unacknowledgedSurvived);
    edn.put("ack-loss-rate", ackLossRate());
    edn.put("lost", lostElements);
    return edn;
  }
}
