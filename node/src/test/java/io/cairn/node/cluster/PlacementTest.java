package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.ring.Ring;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

  private final Ring ring = new Claim().claim(
      List.of(Member.of("n1"), Member.of("n2"), Member.of("n3"), Member.of("n4")), 64);

  @Test
  void everyCachedListIsTheRingsOwnAndComputedOnce() {
    Placement placement = new Placement(ring);
    for (int n = 1; n <= ring.members().size(); n++) {
      for (int p = 0; p < ring.partitionCount(); p++) {
        assertThat(placement.preferenceList(p, n)).isEqualTo(ring.preferenceList(p, n));
        assertThat(placement.preferenceList(p, n)).isSameAs(placement.preferenceList(p, n));
      }
    }
  }

  @Test
  void keysFallInTheRingsPartitionsAndBadArgumentsGetTheRingsErrors() {
    Placement placement = new Placement(ring);
    assertThat(placement.partitionOf("b", "k")).isEqualTo(new Partitioner(64).partitionOf("b", "k"));
    assertThatThrownBy(() -> placement.preferenceList(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> placement.preferenceList(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> placement.preferenceList(64, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNewerRingBringsANewPlacement() {
    RingHolder holder = new RingHolder(ring);
    Placement first = holder.placement();
    holder.offer(ring.withEpoch(ring.epoch() + 1));
    assertThat(holder.placement()).isNotSameAs(first);
    assertThat(holder.placement().ring().epoch()).isEqualTo(ring.epoch() + 1);
  }
}
