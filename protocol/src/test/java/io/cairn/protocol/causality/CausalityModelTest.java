package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model-based properties: for any interleaving of puts (each carrying the context of some earlier
 * read or put response, possibly stale, or none), applied at any replicas, merged in any order and
 * with replicas losing their disks, the siblings equal exactly the writes that no later write saw.
 * Nothing acknowledged is lost, nothing superseded comes back.
 */
class CausalityModelTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenario.arbitrary(80, true);
  }

  @Provide
  Arbitrary<List<Integer>> mergeOrders() {
    return Arbitraries.integers().between(0, 3).list().ofMinSize(4).ofMaxSize(12);
  }

  @Property(tries = 1000)
  void everyReplicaHoldsExactlyTheUnsupersededWrites(@ForAll("scenarios") Scenario scenario) {
    scenario.run(
        true,
        model -> {
          for (int r = 0; r < model.replicas(); r++) {
            assertMatchesModel(model, model.state(r), model.history(r));
          }
        });
  }

  @Property(tries = 1000)
  void mergingAllReplicasInAnyOrderYieldsTheUnsupersededWrites(
      @ForAll("scenarios") Scenario scenario, @ForAll("mergeOrders") List<Integer> order) {
    ReplicaModel model = scenario.run(true, m -> {});
    // Merge in a generated order (with repeats), then fold in every replica so all are included.
    DvvSet<Integer> merged = DvvSet.empty();
    BitSet history = new BitSet();
    List<Integer> sequence = new ArrayList<>(order);
    for (int r = model.replicas() - 1; r >= 0; r--) {
      sequence.add(r);
    }
    for (int pick : sequence) {
      int r = pick % model.replicas();
      merged = model.state(r).sync(merged);
      history.or(model.history(r));
    }
    assertMatchesModel(model, merged, history);
  }

  /** The clock covers exactly the history, and the siblings are exactly the model's. */
  static void assertMatchesModel(ReplicaModel model, DvvSet<Integer> state, BitSet history) {
    for (int w = 0; w < model.writes(); w++) {
      assertThat(state.context().covers(model.dotOf(w)))
          .as("clock %s covers write %d (dot %s)", state.context(), w, model.dotOf(w))
          .isEqualTo(history.get(w));
    }
    assertThat(state.values())
        .as("siblings of %s", state)
        .containsExactlyInAnyOrderElementsOf(model.expectedSiblings(history));
  }
}
