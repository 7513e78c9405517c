package io.cairn.node.core;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A fast random generator safe to share between threads, seeded once from the system's secure
 * source. Request ids must be unique, not unpredictable: minting them from {@link SecureRandom}
 * (a synchronised read of the kernel's pool per call) cost more than the rest of id handling. The
 * algorithm has 192 bits of state, so ids of two nodes do not collide in practice.
 */
public final class LockedRandom implements RandomGenerator {

  private final RandomGenerator generator;

  private LockedRandom(RandomGenerator generator) {
    this.generator = generator;
  }

  /** Seeded from {@link SecureRandom}. */
  public static LockedRandom seeded() {
    byte[] seed = new SecureRandom().generateSeed(32);
    return new LockedRandom(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
  }

  @Override
  public synchronized long nextLong() {
    return generator.nextLong();
  }
}
