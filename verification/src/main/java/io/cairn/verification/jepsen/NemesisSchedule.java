package io.cairn.verification.jepsen;

import io.cairn.verification.jepsen.nemesis.Nemesis;
import java.time.Duration;

/**
 * When a nemesis acts: after {@code firstDelay}, a fault lasting {@code faultFor}, then
 * {@code healFor} of calm, repeated until the time limit when {@code repeat} (Jepsen's usual
 * start/sleep/stop cycle), or once.
 */
public record NemesisSchedule(Nemesis nemesis, Duration firstDelay, Duration faultFor, Duration healFor,
               boolean repeat) {
  public static NemesisSchedule cycling(Nemesis nemesis) {
    return new NemesisSchedule(nemesis, Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(5), true);
  }

  public static NemesisSchedule once(Nemesis nemesis, Duration after, Duration lasting) {
    return new NemesisSchedule(nemesis, after, lasting, Duration.ZERO, false);
  }
}
