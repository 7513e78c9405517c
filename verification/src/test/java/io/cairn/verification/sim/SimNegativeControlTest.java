package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A checker that cannot fail proves nothing: the same simulated schedules, with an {@code lww}
 * bucket or a deliberately broken merge, must be found invalid within the default seed range.
 */
class SimNegativeControlTest {

  private static OptionalLong firstCaught(SimOptions options, Predicate<SimResult> caught) {
    long base = SimulationTest.baseSeed();
    return LongStream.range(base, base + SimulationTest.seedCount())
        .filter(seed -> caught.test(Simulation.run(seed, options)))
        .findFirst();
  }

  @Test
  void anLwwBucketLosesAcknowledgedAddsAndIsCaught() {
    OptionalLong seed = firstCaught(new SimOptions(true, false), r -> !r.valid("set-lww"));
    System.out.println("lww control caught at seed " + seed);
    assertThat(seed).isPresent();
    // the control fails alone: the siblings buckets of the same run stay valid
    assertThat(Simulation.run(seed.getAsLong(), new SimOptions(true, false)).valid()).isTrue();
  }

  @Test
  void aBrokenMergeIsCaught() {
    OptionalLong seed = firstCaught(new SimOptions(false, true), r -> !r.valid());
    System.out.println("broken-merge control caught at seed " + seed);
    assertThat(seed).isPresent();
  }
}
