package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Seed 1785: under 30% message loss a forwarded add reached its coordinator, n1, which applied it
 * but could replicate it nowhere (the client was told "indeterminate"). A read through n1 merged n1's
 * copy with a replica that lacked the add, returned it, and scheduled its read repair for later;
 * 125 ms later n1 lost its disk, and the add a client had read was gone for good. Fixed in
 * GetCoordination: read repair of the repliers now completes before the answer, so whatever a read
 * returns is held by at least r nodes.
 */
class ReadThenLostDiskTest {

  @Test
  void seed1785LosesNoAddThatWasRead() {
    SimResult r = Simulation.run(1785);
    assertThat(r.valid("set")).as(r.resultsEdn()).isTrue();
    assertThat(r.valid()).as(r.resultsEdn()).isTrue();
  }
}
