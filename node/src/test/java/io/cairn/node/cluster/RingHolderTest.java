package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.Ring;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingHolderTest {

  @Test
  void onlyANewerEpochReplacesTheRing() {
    Ring first = new Claim().claim(List.of(Member.of("n1"), Member.of("n2"), Member.of("n3")), 64);
    RingHolder holder = new RingHolder(first);
    Ring next = new Claim().claim(List.of(Member.of("n1"), Member.of("n2"), Member.of("n3"), Member.of("n4")), first);
    assertThat(holder.offer(next)).isTrue();
    assertThat(holder.ring()).isSameAs(next);
    assertThat(holder.offer(first)).isFalse();
    assertThat(holder.ring()).isSameAs(next);
    assertThatThrownBy(() -> holder.offer(new Claim().claim(List.of(Member.of("n1")), 128).withEpoch(99)))
        .hasMessageContaining("fixed at creation");
  }
}
