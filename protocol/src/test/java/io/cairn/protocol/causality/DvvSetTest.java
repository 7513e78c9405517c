package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Algebraic properties of DVVSet sync and the exact effect of a context on a write. */
class DvvSetTest {

  private static final Actor A = Actor.of("a", 0);
  private static final Actor B = Actor.of("b", 0);

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenario.arbitrary(30, true);
  }

  /** Every state any replica passed through while running the scenario (one consistent universe). */
  private static List<DvvSet<Integer>> reachableStates(Scenario scenario) {
    List<DvvSet<Integer>> states = new ArrayList<>();
    states.add(DvvSet.empty());
    scenario.run(
        true,
        model -> {
          for (int r = 0; r < model.replicas(); r++) {
            states.add(model.state(r));
          }
        });
    return states;
  }

  private static <T> T pick(List<T> list, int index) {
    return list.get(index % list.size());
  }

  @Property(tries = 1000)
  void syncIsCommutative(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(max = 500) int i,
      @ForAll @IntRange(max = 500) int j) {
    List<DvvSet<Integer>> states = reachableStates(s);
    DvvSet<Integer> x = pick(states, i);
    DvvSet<Integer> y = pick(states, j);
    assertThat(x.sync(y)).isEqualTo(y.sync(x));
  }

  @Property(tries = 1000)
  void syncIsAssociative(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(max = 500) int i,
      @ForAll @IntRange(max = 500) int j,
      @ForAll @IntRange(max = 500) int k) {
    List<DvvSet<Integer>> states = reachableStates(s);
    DvvSet<Integer> x = pick(states, i);
    DvvSet<Integer> y = pick(states, j);
    DvvSet<Integer> z = pick(states, k);
    assertThat(x.sync(y).sync(z)).isEqualTo(x.sync(y.sync(z)));
  }

  @Property(tries = 1000)
  void syncIsIdempotentAndEmptyIsItsIdentity(
      @ForAll("scenarios") Scenario s, @ForAll @IntRange(max = 500) int i) {
    DvvSet<Integer> x = pick(reachableStates(s), i);
    assertThat(x.sync(x)).isEqualTo(x);
    assertThat(x.sync(DvvSet.empty())).isEqualTo(x);
    assertThat(DvvSet.<Integer>empty().sync(x)).isEqualTo(x);
  }

  @Property(tries = 1000)
  void aMergeDescendsBothInputs(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(max = 500) int i,
      @ForAll @IntRange(max = 500) int j) {
    List<DvvSet<Integer>> states = reachableStates(s);
    DvvSet<Integer> x = pick(states, i);
    DvvSet<Integer> y = pick(states, j);
    DvvSet<Integer> merged = x.sync(y);
    assertThat(merged.descends(x)).isTrue();
    assertThat(merged.descends(y)).isTrue();
    assertThat(merged.context().descends(x.context())).isTrue();
  }

  @Property(tries = 1000)
  void aWriteRemovesExactlyTheSiblingsItsContextCovers(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(max = 500) int i,
      @ForAll @IntRange(max = 500) int j,
      @ForAll @IntRange(min = 0, max = 3) int writer) {
    List<DvvSet<Integer>> states = reachableStates(s);
    DvvSet<Integer> stored = pick(states, i);
    VersionVector context = pick(states, j).context();
    Actor actor = Actor.of("r" + writer, 7); // an actor of its own, so its dot is new
    DvvSet<Integer> after = stored.write(actor, context, -1);

    List<Dotted<Integer>> expected = new ArrayList<>();
    for (Dotted<Integer> d : stored.siblings()) {
      if (!context.covers(d.dot())) {
        expected.add(d);
      }
    }
    Dot minted = new Dot(actor, Math.max(stored.context().get(actor), context.get(actor)) + 1);
    expected.add(new Dotted<>(minted, -1));
    assertThat(after.siblings()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(after.context())
        .isEqualTo(stored.context().merge(context).advance(actor, minted.counter()));
  }

  @Example
  void concurrentBlindWritesBecomeSiblingsAndAContextResolvesThem() {
    DvvSet<String> s = DvvSet.<String>empty().write(A, VersionVector.empty(), "x");
    s = s.write(A, VersionVector.empty(), "y");
    assertThat(s.values()).containsExactly("x", "y");
    DvvSet<String> resolved = s.write(A, s.context(), "z");
    assertThat(resolved.values()).containsExactly("z");
    assertThat(resolved.context()).isEqualTo(VersionVector.of(Map.of(A, 3L)));
  }

  @Example
  void aStaleContextKeepsTheWriteItDidNotSee() {
    DvvSet<String> s = DvvSet.<String>empty().write(A, VersionVector.empty(), "v1");
    VersionVector sawV1 = s.context();
    s = s.write(A, sawV1, "v2"); // supersedes v1
    DvvSet<String> concurrent = s.write(A, sawV1, "v3"); // saw v1 only, not v2
    assertThat(concurrent.values()).containsExactly("v2", "v3");
  }

  @Example
  void syncDropsWhatTheOtherSideSawAndSuperseded() {
    DvvSet<String> atA = DvvSet.<String>empty().write(A, VersionVector.empty(), "old");
    DvvSet<String> atB = atA.write(B, atA.context(), "new");
    assertThat(atA.sync(atB).values()).containsExactly("new");
    assertThat(atB.sync(atA).values()).containsExactly("new");
  }

  @Example
  void retainForgetsAValueButRemembersItWasSeen() {
    DvvSet<String> both =
        DvvSet.<String>empty().write(A, VersionVector.empty(), "x").write(B, VersionVector.empty(), "y");
    DvvSet<String> onlyY = both.retain(d -> d.value().equals("y"));
    assertThat(onlyY.values()).containsExactly("y");
    assertThat(onlyY.sync(both).values()).containsExactly("y");
  }

  @Example
  void invalidStatesAreRejected() {
    Dot dot = new Dot(A, 2);
    assertThatThrownBy(() -> DvvSet.of(VersionVector.of(Map.of(A, 1L)), List.of(new Dotted<>(dot, "v"))))
        .hasMessageContaining("not covered");
    assertThatThrownBy(
            () ->
                DvvSet.of(
                    VersionVector.of(Map.of(A, 2L)),
                    List.of(new Dotted<>(dot, "v"), new Dotted<>(dot, "w"))))
        .hasMessageContaining("share the dot");
  }

  @Example
  void mapChangesTheValuesAndKeepsTheCausalState() {
    DvvSet<String> s = DvvSet.<String>empty().write(A, VersionVector.empty(), "x").write(B, VersionVector.empty(), "yy");
    DvvSet<Integer> lengths = s.map(String::length);
    assertThat(lengths.values()).containsExactly(1, 2);
    assertThat(lengths.context()).isEqualTo(s.context());
    assertThat(lengths.siblings()).extracting(Dotted::dot).isEqualTo(s.siblings().stream().map(Dotted::dot).toList());
  }

  @Example
  void aSetWithHistoryButNoSiblingsIsEmptyAndOneWithASiblingIsNot() {
    DvvSet<String> one = DvvSet.<String>empty().write(A, VersionVector.empty(), "x");
    assertThat(DvvSet.<String>empty().isEmpty()).isTrue();
    assertThat(one.isEmpty()).isFalse();
    DvvSet<String> superseded = one.discard(one.context());
    assertThat(superseded.isEmpty()).isTrue();
    assertThat(superseded.context()).isEqualTo(one.context());
  }
}
