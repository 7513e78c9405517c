package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Seed 214: under 20% message duplication a forwarded put reached its coordinator twice and was
 * applied twice, under two dots; a later write with the context of a read that saw one copy left
 * the other behind as a sibling it superseded (a false sibling). Fixed in the coordinator, which
 * now answers a request id it has seen with the first answer.
 */
class DuplicatedPutTest {

  @Test
  void seed214HasNoFalseSiblings() {
    SimResult r = Simulation.run(214);
    assertThat(r.valid("register")).as(r.resultsEdn()).isTrue();
    assertThat(r.valid()).as(r.resultsEdn()).isTrue();
  }
}
