package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run always ends with a verdict naming its seed. A planted runaway merge (every replicated copy
 * kept again as new siblings) once made the whole simulation die of OutOfMemoryError after minutes,
 * naming nothing; the bounds must end such a run as INVALID, quickly, with the reason.
 */
class SimBoundsTest {

  @Test
  @Timeout(120)
  void aRunawayMergeEndsItsSeedAsInvalidWithinAMinuteNamingTheBound() {
    SimOptions runaway = new SimOptions(false, false, false, true, SimBounds.DEFAULT);
    long started = System.nanoTime();
    SimResult caught = null;
    for (long seed = 1; seed <= 20 && caught == null; seed++) {
      SimResult r = Simulation.run(seed, runaway);
      if (!r.valid()) {
        caught = r;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println("runaway merge: " + caught + " in " + took.toMillis() + " ms; " + (caught == null ? "" : caught.resultsEdn()));
    assertThat(caught).as("a seed the runaway merge fails").isNotNull();
    assertThat(took).isLessThan(Duration.ofMinutes(1));
    assertThat(caught.resultsEdn()).contains("bound exceeded").contains("siblings");
    // the same seed with a correct merge stays valid: the bound judged the bug, not the schedule
    assertThat(Simulation.run(caught.seed()).valid()).isTrue();
  }

  @Test
  void aRunPastItsEventBoundEndsThereAsInvalidAndTheSameSeedEndsThereAgain() {
    SimOptions tight = new SimOptions(false, false, false, false, new SimBounds(1_000, 4 * 3_600_000L, 60_000, 64L << 20, 256));
    SimResult first = Simulation.run(7, tight);
    assertThat(first.valid()).isFalse();
    assertThat(first.resultsEdn()).contains("bound exceeded").contains("events");
    SimResult again = Simulation.run(7, tight);
    assertThat(again.historyEdn()).isEqualTo(first.historyEdn());
  }
}
