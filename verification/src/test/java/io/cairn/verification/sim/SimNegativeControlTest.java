package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A checker that cannot fail proves nothing: the same simulated schedules, with an {@code lww}
 * bucket, a deliberately broken merge, or storage that never checks its checksums (so rotten
 * values are served), must be found invalid within the default seed range.
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
    OptionalLong seed = firstCaught(new SimOptions(true, false, false), r -> !r.valid("set-lww"));
    System.out.println("lww control caught at seed " + seed);
    assertThat(seed).isPresent();
    // the control fails alone: the siblings buckets of the same run stay valid
    assertThat(Simulation.run(seed.getAsLong(), new SimOptions(true, false, false)).valid()).isTrue();
  }

  @Test
  void aBrokenMergeIsCaught() {
    OptionalLong seed = firstCaught(new SimOptions(false, true, false), r -> !r.valid());
    System.out.println("broken-merge control caught at seed " + seed);
    assertThat(seed).isPresent();
    // the report points at the keys the checkers flag: every client operation it lists is on one of
    // them, and it is not the whole history
    SimResult r = Simulation.run(seed.getAsLong(), new SimOptions(false, true, false));
    String implicated = r.implicatedOpsEdn(SimulationTest.IMPLICATED_OPS);
    System.out.println("FAILED " + r + "\n  " + r.resultsEdn() + "\n" + implicated.indent(4));
    assertThat(implicated.lines().filter(l -> l.contains(":process :nemesis") || l.contains(":key ")))
        .as("every listed operation is a fault or names a key").hasSize((int) implicated.lines().count());
    assertThat(implicated.lines().count()).isBetween(1L, (long) SimulationTest.IMPLICATED_OPS);
    assertThat(implicated.lines().count()).isLessThan(r.history().size());
  }

  @Test
  void storageServingRottenValuesIsCaught() {
    SimOptions unverified = new SimOptions(false, false, true);
    OptionalLong seed = firstCaught(unverified, r -> !r.valid());
    System.out.println("unverified-storage control caught at seed " + seed);
    assertThat(seed).isPresent();
    // the same seed with the checksums checked is valid: the verification is what makes the difference
    assertThat(Simulation.run(seed.getAsLong(), SimOptions.DEFAULT).valid()).isTrue();
  }
}
