package io.cairn.protocol.causality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated schedule of operations on one key across a few replicas: puts (with a fresh, stale
 * or no context), coordinated reads, replica-to-replica merges and lost disks. Small integers keep
 * shrinking effective: a failing schedule shrinks to a handful of steps.
 */
record Scenario(int replicas, List<Scenario.Op> ops) {

  enum Kind {
    WRITE,
    READ,
    SYNC,
    WIPE
  }

  record Op(Kind kind, int a, int b, int c) {
    @Override
    public String toString() {
      return kind + "(" + a + "," + b + "," + c + ")";
    }
  }

  static Arbitrary<Scenario> arbitrary(int maxOps, boolean withWipes) {
    Arbitrary<Kind> kinds =
        withWipes
            ? Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.WRITE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.READ)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.SYNC)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.WIPE)))
            : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.WRITE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.READ)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.SYNC)));
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 15);
    Arbitrary<Op> op = Combinators.combine(kinds, small, small, small).as(Op::new);
    return Combinators.combine(
            Arbitraries.integers().between(1, 4), op.list().ofMinSize(1).ofMaxSize(maxOps))
        .as(Scenario::new);
  }

  /**
   * Runs the schedule. Contexts for puts come from a pool of everything any client ever received
   * (reads and put responses), so stale and concurrent contexts are exercised; {@code c % 5 == 0}
   * makes a blind put (no context). Calls {@code afterEach} after every step.
   */
  ReplicaModel run(boolean bumpEpochOnWipe, Consumer<ReplicaModel> afterEach) {
    ReplicaModel model = new ReplicaModel(replicas, bumpEpochOnWipe);
    List<ReplicaModel.Knowledge> pool = new ArrayList<>();
    pool.add(ReplicaModel.Knowledge.none());
    for (Op op : ops) {
      switch (op.kind()) {
        case WRITE -> {
          ReplicaModel.Knowledge k =
              op.c() % 5 == 0 ? ReplicaModel.Knowledge.none() : pool.get(op.c() % pool.size());
          pool.add(model.write(op.b() % replicas, k));
        }
        case READ -> pool.add(model.read(subset(op.a(), replicas)));
        case SYNC -> model.sync(op.a() % replicas, op.b() % replicas);
        case WIPE -> model.wipe(op.a() % replicas);
      }
      afterEach.accept(model);
    }
    return model;
  }

  /** A non-empty subset of replicas from the bits of {@code bits}. */
  static List<Integer> subset(int bits, int replicas) {
    List<Integer> out = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      if ((bits & (1 << r)) != 0) {
        out.add(r);
      }
    }
    if (out.isEmpty()) {
      out.add(bits % replicas);
    }
    return out;
  }
}
