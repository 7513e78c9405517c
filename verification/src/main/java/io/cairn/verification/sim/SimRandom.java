package io.cairn.verification.sim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The run's randomness, split into independent streams (network, faults, clients, ...) so that
 * adding a draw to one stream does not shift every other decision of the schedule.
 */
public final class SimRandom {

  private final SplittableRandom random;

  public SimRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private SimRandom(SplittableRandom random) {
    this.random = random;
  }

  /** An independent stream derived from this one. */
  public SimRandom split() {
    return new SimRandom(random.split());
  }

  public long nextLong() {
    return random.nextLong();
  }

  /** Uniform in [lo, hi]. */
  public long between(long lo, long hi) {
    return lo >= hi ? lo : random.nextLong(lo, hi + 1);
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** For APIs that want a {@code RandomGenerator} (request ids). */
  public RandomGenerator generator() {
    return random;
  }
}
