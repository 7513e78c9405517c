package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version vector's own contract, case by case: which histories descend which, what a merge keeps,
 * and the canonical form that makes equal histories equal vectors.
 */
class VersionVectorTest {

  private static final Actor A = Actor.of("a", 1);
  private static final Actor B = Actor.of("b", 1);
  private static final Actor C = Actor.of("c", 1);

  private static VersionVector vv(Object... actorsAndCounters) {
    Map<Actor, Long> m = new HashMap<>();
    for (int i = 0; i < actorsAndCounters.length; i += 2) {
      m.put((Actor) actorsAndCounters[i], ((Number) actorsAndCounters[i + 1]).longValue());
    }
    return VersionVector.of(m);
  }

  @Test
  void aVectorDescendsOnlyWhatItHasSeenEntryByEntry() {
    VersionVector ab = vv(A, 2, B, 1);
    assertThat(ab.descends(vv(A, 1))).isTrue();
    assertThat(ab.descends(vv(A, 2, B, 1))).isTrue();
    assertThat(ab.descends(VersionVector.empty())).isTrue();
    assertThat(ab.descends(vv(A, 3))).as("a later event of a known actor").isFalse();
    assertThat(ab.descends(vv(C, 1))).as("an actor it never saw").isFalse();
    assertThat(ab.descends(vv(A, 1, B, 2))).as("behind on the second entry only").isFalse();
    assertThat(VersionVector.empty().descends(vv(A, 1))).isFalse();
  }

  @Test
  void mergeKeepsEveryActorAndTheHigherCountOfEach() {
    VersionVector left = vv(A, 2, C, 1);
    VersionVector right = vv(A, 1, B, 4);
    VersionVector merged = vv(A, 2, B, 4, C, 1);
    assertThat(left.merge(right)).isEqualTo(merged);
    assertThat(right.merge(left)).isEqualTo(merged);
    assertThat(left.merge(VersionVector.empty())).isEqualTo(left);
    assertThat(VersionVector.empty().merge(right)).isEqualTo(right);
    assertThat(left.merge(left)).isEqualTo(left);
    assertThat(merged.size()).isEqualTo(3);
  }

  @Test
  void advanceMovesOneActorForwardOrKeepsItAndNeverBack() {
    VersionVector v = vv(A, 2);
    assertThat(v.advance(A, 2)).as("the same count is allowed").isEqualTo(v);
    assertThat(v.advance(A, 5).get(A)).isEqualTo(5);
    assertThat(v.advance(B, 1)).isEqualTo(vv(A, 2, B, 1));
    assertThatThrownBy(() -> v.advance(A, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("back from 2 to 1");
  }

  @Test
  void ofPutsActorsInCanonicalOrderAndDropsZeroCounts() {
    Map<Actor, Long> m = new HashMap<>();
    for (int i = 20; i >= 1; i--) {
      m.put(Actor.of("n" + i, 1), (long) i);
    }
    m.put(Actor.of("zero", 1), 0L);
    VersionVector v = VersionVector.of(m);
    assertThat(v.size()).isEqualTo(20);
    List<Actor> order = List.copyOf(v.asMap().keySet());
    assertThat(order).isSorted();
    for (int i = 0; i < v.size(); i++) {
      assertThat(v.actorAt(i)).isEqualTo(order.get(i));
      assertThat(v.counterAt(i)).isEqualTo(v.get(order.get(i))).isPositive();
    }
    assertThat(v.get(Actor.of("zero", 1))).isZero();
    assertThat(v.asMap()).doesNotContainKey(Actor.of("zero", 1));
    assertThatThrownBy(() -> VersionVector.of(Map.of(A, -1L))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 0");
  }

  @Test
  void theBuilderGrowsAndRejectsNonCanonicalInput() {
    VersionVector.Builder b = VersionVector.builder(1);
    for (int i = 1; i <= 9; i++) {
      b.add(Actor.of("n" + i, 1), i);
    }
    VersionVector v = b.build();
    assertThat(v.size()).isEqualTo(9);
    assertThat(v.get(Actor.of("n9", 1))).isEqualTo(9);
    assertThat(VersionVector.builder(4).add(A, 0).build()).isSameAs(VersionVector.empty());
    assertThatThrownBy(() -> VersionVector.builder(2).add(B, 1).add(A, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
    assertThatThrownBy(() -> VersionVector.builder(2).add(A, 1).add(A, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
  }

  @Test
  void equalHistoriesAreEqualVectorsWithEqualHashesAndAReadableForm() {
    VersionVector x = vv(A, 1, B, 2);
    VersionVector y = VersionVector.builder(2).add(A, 1).add(B, 2).build();
    assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
    assertThat(x).isNotEqualTo(vv(A, 1, B, 3)).isNotEqualTo(vv(A, 1));
    assertThat(x.hashCode()).isNotEqualTo(vv(A, 1, B, 3).hashCode());
    assertThat(x.toString()).isEqualTo("{" + A + "=1, " + B + "=2}");
    assertThat(VersionVector.empty().toString()).isEqualTo("{}");
    assertThat(VersionVector.empty().isEmpty()).isTrue();
    assertThat(x.isEmpty()).isFalse();
  }

  @Test
  void aDotIsCoveredUpToTheActorsCount() {
    VersionVector v = vv(A, 3);
    assertThat(v.covers(new Dot(A, 3))).isTrue();
    assertThat(v.covers(new Dot(A, 4))).isFalse();
    assertThat(v.covers(new Dot(B, 1))).isFalse();
  }
}
