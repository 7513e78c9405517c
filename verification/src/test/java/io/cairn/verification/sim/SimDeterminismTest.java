package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same seed gives the same schedule: two runs write byte-for-byte the same history. */
class SimDeterminismTest {

  @Test
  void theSameSeedGivesTheSameHistoryText() {
    for (long seed : new long[] {1, 214, 977}) {
      SimResult a = Simulation.run(seed);
      SimResult b = Simulation.run(seed);
      assertThat(a.history().size()).isGreaterThan(10);
      assertThat(b.historyEdn()).as("seed %d", seed).isEqualTo(a.historyEdn());
      assertThat(b.resultsEdn()).isEqualTo(a.resultsEdn());
    }
  }

  @Test
  void differentSeedsGiveDifferentHistories() {
    assertThat(Simulation.run(2).historyEdn()).isNotEqualTo(Simulation.run(3).historyEdn());
  }
}
