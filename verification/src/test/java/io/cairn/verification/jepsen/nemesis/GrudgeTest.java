package io.cairn.verification.jepsen.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class GrudgeTest {
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

  @Test
  void everyGrudgeIsSymmetricAndNeverDropsItself() {
    List<BiFunction<List<String>, Random, Grudge>> kinds =
        List.of(Grudge::randomHalves, Grudge::isolateOne, Grudge::majoritiesRing, Grudge::bridge);
    for (var kind : kinds) {
      for (int seed = 0; seed < 50; seed++) {
        Grudge g = kind.apply(NODES, new Random(seed));
        assertThat(g.drops().keySet()).containsExactlyInAnyOrderElementsOf(NODES);
        g.drops().forEach((node, peers) -> {
          assertThat(peers).doesNotContain(node);
          peers.forEach(peer -> assertThat(g.drops().get(peer)).contains(node));
        });
      }
    }
  }

  @Test
  void halvesSplitTwoFromThree() {
    Grudge g = Grudge.randomHalves(NODES, new Random(7));
    assertThat(g.drops().values()).extracting(Set::size).containsOnly(2, 3);
    assertThat(g.drops().values().stream().filter(p -> p.size() == 3).count()).isEqualTo(2);
  }

  @Test
  void isolateOneCutsExactlyOneNodeFromAllOthers() {
    Grudge g = Grudge.isolateOne(NODES, new Random(3));
    assertThat(g.drops().values().stream().filter(p -> p.size() == 4).count()).isEqualTo(1);
    assertThat(g.drops().values().stream().filter(p -> p.size() == 1).count()).isEqualTo(4);
  }

  @Test
  void majoritiesRingLetsEveryNodeSeeADifferentMajority() {
    Grudge g = Grudge.majoritiesRing(NODES, new Random(11));
    g.drops().forEach((node, peers) -> assertThat(NODES.size() - peers.size()).isEqualTo(3));
    assertThat(g.drops().values().stream().distinct().count()).isEqualTo(5);
  }

  @Test
  void bridgeNodeHearsBothHalves() {
    Grudge g = Grudge.bridge(NODES, new Random(5));
    assertThat(g.drops().values().stream().filter(Set::isEmpty).count()).isEqualTo(1);
    assertThat(g.drops().values().stream().filter(p -> p.size() == 2).count()).isEqualTo(4);
  }

  @Test
  void riakSplitIsTheFixedTwoThree() {
    Grudge g = Grudge.complete(List.of("n1", "n2"), List.of("n3", "n4", "n5"));
    assertThat(g.drops().get("n1")).containsExactly("n3", "n4", "n5");
    assertThat(g.drops().get("n5")).containsExactly("n1", "n2");
  }
}
