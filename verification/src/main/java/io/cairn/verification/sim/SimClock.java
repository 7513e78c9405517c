package io.cairn.verification.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One node's wall clock: simulated time plus a start instant plus this node's skew, which the
 * fault generator changes (a skewed clock may even run backwards when the skew shrinks). The
 * node's monotonic clock ({@link #monotonicMillis}) is simulated time itself and never skews,
 * like {@code System.nanoTime} under libfaketime.
 */
public final class SimClock extends Clock {

  /** 2024-01-01T00:00:00Z: wall clocks start here, so epochs and timestamps look real. */
  public static final long EPOCH_START_MILLIS = 1_704_067_200_000L;

  private final SimScheduler scheduler;
  private long skewMillis;

  public SimClock(SimScheduler scheduler) {
    this.scheduler = scheduler;
  }

  public void skew(long millis) {
    this.skewMillis = millis;
  }

  public long skew() {
    return skewMillis;
  }

  public long monotonicMillis() {
    return scheduler.now();
  }

  @Override
  public long millis() {
    return EPOCH_START_MILLIS + scheduler.now() + skewMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("simulated clocks are UTC");
  }
}
