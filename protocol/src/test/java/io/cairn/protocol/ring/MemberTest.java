package io.cairn.protocol.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A member's weight and zone limits, at their edges. */
class MemberTest {

  @Test
  void aWeightIsFromOneToTheMaximumInclusive() {
    assertThat(Member.of("a", 1).weight()).isEqualTo(1);
    assertThat(Member.of("a", Member.MAX_WEIGHT).weight()).isEqualTo(Member.MAX_WEIGHT);
    assertThatThrownBy(() -> Member.of("a", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and " + Member.MAX_WEIGHT);
    assertThatThrownBy(() -> Member.of("a", Member.MAX_WEIGHT + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZoneIsAbsentOrNotBlank() {
    assertThat(Member.of("a", 1, "z1").zone()).contains("z1");
    assertThat(Member.of("a").zone()).isEmpty();
    assertThatThrownBy(() -> Member.of("a", 1, " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone of node a must not be blank");
  }
}
