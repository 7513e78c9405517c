package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Shared generators for the ring properties. Not a test class: its name does not end in Test. */
final class RingGenerators {

  private RingGenerators() {}

  /** A cluster's partition count and members. */
  record Cluster(int q, List<Member> members) {}

  /** One change to a member list; applied by {@link #apply}. */
  record Op(Kind kind, int index, int weight, int zone) {
    enum Kind { JOIN, LEAVE, REWEIGHT }
  }

  /** A starting cluster, then batches of changes, each batch followed by a claim. */
  record History(Cluster start, List<List<Op>> batches) {}

  /** Powers of two from 8 to 1024, small ones more often: they are where edge cases live. */
  static Arbitrary<Integer> partitionCounts() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(8)),
        Tuple.of(7, Arbitraries.just(16)),
        Tuple.of(6, Arbitraries.just(32)),
        Tuple.of(5, Arbitraries.just(64)),
        Tuple.of(4, Arbitraries.just(128)),
        Tuple.of(3, Arbitraries.just(256)),
        Tuple.of(2, Arbitraries.just(512)),
        Tuple.of(1, Arbitraries.just(1024)));
  }

  /** 1..12 members, weights 1..5 (all 1 a third of the time), 0..4 zones, ids n1, n2, .... */
  static Arbitrary<List<Member>> members() {
    return members("n", 1, 12);
  }

  static Arbitrary<List<Member>> members(String prefix, int min, int max) {
    Arbitrary<Integer> sizes = Arbitraries.integers().between(min, max);
    Arbitrary<Boolean> unitWeights = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
    Arbitrary<Integer> zoneCounts = Arbitraries.integers().between(0, 4);
    return Combinators.combine(sizes, unitWeights, zoneCounts)
        .flatAs(
            (size, unit, zones) -> {
              Arbitrary<Integer> weight = unit ? Arbitraries.just(1) : Arbitraries.integers().between(1, 5);
              Arbitrary<Integer> zone = zoneIndex(zones);
              return Combinators.combine(weight.list().ofSize(size), zone.list().ofSize(size))
                  .as(
                      (weights, zoneIndexes) -> {
                        List<Member> members = new ArrayList<>();
                        for (int i = 0; i < size; i++) {
                          members.add(member(prefix + (i + 1), weights.get(i), zoneIndexes.get(i)));
                        }
                        return List.copyOf(members);
                      });
            });
  }

  static Arbitrary<Cluster> clusters() {
    return Combinators.combine(partitionCounts(), members()).as(Cluster::new);
  }

  /** A valid ring with arbitrary (not claimed, possibly very unbalanced) ownership. */
  static Arbitrary<Ring> arbitraryRings() {
    return clusters()
        .map(c -> new Cluster(c.q(), c.members().stream().sorted().toList()))
        .flatMap(
            c ->
                Arbitraries.integers()
                    .between(0, c.members().size() - 1)
                    .list()
                    .ofSize(c.q())
                    .map(
                        picks ->
                            new Ring(
                                7,
                                c.q(),
                                c.members(),
                                picks.stream().map(i -> c.members().get(i).id()).toList())));
  }

  static Arbitrary<Ring> claimedRings() {
    return clusters().map(c -> new Claim().claim(c.members(), c.q()));
  }

  static Arbitrary<History> histories() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(Op.Kind.class),
                Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(-1, 3))
            .as(Op::new);
    return Combinators.combine(clusters(), op.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(6))
        .as(History::new);
  }

  /** Applies one batch of changes. Joins get fresh ids; a leave never empties the cluster. */
  static List<Member> apply(List<Member> members, List<Op> batch, int batchNumber) {
    List<Member> result = new ArrayList<>(members);
    int joined = 0;
    for (Op op : batch) {
      switch (op.kind()) {
        case JOIN -> result.add(member("j" + batchNumber + "x" + (++joined), op.weight(), op.zone()));
        case LEAVE -> {
          if (result.size() > 1) {
            result.remove(op.index() % result.size());
          }
        }
        case REWEIGHT -> {
          int i = op.index() % result.size();
          Member old = result.get(i);
          result.set(i, new Member(old.id(), op.weight(), old.zone()));
        }
      }
    }
    return List.copyOf(result);
  }

  /** Runs a history through claim, returning the last ring. */
  static Ring replay(History history, Claim claim) {
    Ring ring = claim.claim(history.start().members(), history.start().q());
    List<Member> members = history.start().members();
    for (int b = 0; b < history.batches().size(); b++) {
      members = apply(members, history.batches().get(b), b);
      ring = claim.claim(members, ring);
    }
    return ring;
  }

  static Member member(String id, int weight, int zone) {
    return new Member(NodeId.of(id), weight, zone < 0 ? Optional.empty() : Optional.of("z" + zone));
  }

  private static Arbitrary<Integer> zoneIndex(int zones) {
    if (zones == 0) {
      return Arbitraries.just(-1);
    }
    // Mostly zoned, sometimes a member without a zone mixed in.
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0, zones - 1)), Tuple.of(1, Arbitraries.just(-1)));
  }
}
