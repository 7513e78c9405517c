package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The smallest causal parts: their limits, their order and how they read in logs. */
class ActorAndDotTest {

  @Test
  void anEpochIsZeroOrMore() {
    assertThat(Actor.of("n1", 0).epoch()).isZero();
    assertThatThrownBy(() -> Actor.of("n1", -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 0, was -1");
  }

  @Test
  void aDotCounterStartsAtOne() {
    assertThat(new Dot(Actor.of("n1", 0), 1).counter()).isEqualTo(1);
    assertThatThrownBy(() -> new Dot(Actor.of("n1", 0), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 1, was 0");
  }

  @Test
  void actorsAndDotsReadAsNodeAtEpochAndCounter() {
    assertThat(Actor.of("n1", 7)).hasToString("n1@7");
    assertThat(new Dot(Actor.of("n1", 7), 3)).hasToString("n1@7:3");
  }

  @Test
  void actorsOrderByNodeThenEpochAndDotsByActorThenCounter() {
    assertThat(Actor.of("a", 9)).isLessThan(Actor.of("b", 1));
    assertThat(Actor.of("a", 1)).isLessThan(Actor.of("a", 2));
    assertThat(new Dot(Actor.of("a", 1), 5)).isLessThan(new Dot(Actor.of("a", 2), 1));
    assertThat(new Dot(Actor.of("a", 1), 1)).isLessThan(new Dot(Actor.of("a", 1), 2));
  }
}
