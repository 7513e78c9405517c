package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Riak CS reached 21 siblings with 7 concurrent writers under plain version vectors. With dotted version vectors the sibling count of a key never exceeds the number of
 * writers that write concurrently: here, clients that each keep their own latest context.
 */
class SiblingExplosionTest {

  record Step(int client, int replica, boolean read, int syncTo) {}

  @Provide
  Arbitrary<List<Step>> schedules() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, 3))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 1000)
  void siblingsNeverOutnumberConcurrentWriters(@ForAll("schedules") List<Step> steps) {
    int replicas = 4;
    ReplicaModel model = new ReplicaModel(replicas, true);
    List<ReplicaModel.Knowledge> clients = new ArrayList<>();
    Set<Integer> writers = new HashSet<>();
    for (Step s : steps) {
      while (clients.size() <= s.client()) {
        clients.add(ReplicaModel.Knowledge.none());
      }
      ReplicaModel.Knowledge k = clients.get(s.client());
      if (s.read()) {
        clients.set(s.client(), k.merge(model.read(List.of(s.replica()))));
      } else {
        clients.set(s.client(), k.merge(model.write(s.replica(), k)));
        writers.add(s.client());
      }
      if (s.syncTo() >= 0) {
        model.sync(s.replica(), s.syncTo());
      }
      for (int r = 0; r < replicas; r++) {
        assertThat(model.state(r).size()).isLessThanOrEqualTo(writers.size());
      }
    }
  }

  @Example
  void sevenWritersRacingThroughThreeReplicasLeaveAtMostSevenSiblings() {
    int replicas = 3;
    ReplicaModel model = new ReplicaModel(replicas, true);
    List<ReplicaModel.Knowledge> clients = new ArrayList<>();
    for (int c = 0; c < 7; c++) {
      clients.add(ReplicaModel.Knowledge.none());
    }
    // Each round every writer reads one replica, then writes to another; replicas gossip slowly.
    for (int round = 0; round < 50; round++) {
      for (int c = 0; c < 7; c++) {
        ReplicaModel.Knowledge k = clients.get(c).merge(model.read(List.of((c + round) % replicas)));
        clients.set(c, k.merge(model.write((c + round + 1) % replicas, k)));
      }
      model.sync(round % replicas, (round + 1) % replicas);
    }
    for (int r = 0; r < replicas; r++) {
      assertThat(model.state(r).size()).isBetween(1, 7);
    }
  }
}
