package io.cairn.verification.jepsen.nemesis;

import java.util.Random;

/**
 * One kind of fault. {@link #start} injects one instance and returns what it did (recorded as the
 * nemesis op's value); {@link #stop} undoes everything this nemesis may have done, is idempotent,
 * and is always called in the final phase — a fault never outlives its test.
 */
public interface Nemesis {
    /** The history's {@code :f} for starting, e.g. {@code start-partition}. */
    String startF();

    /** The history's {@code :f} for healing, e.g. {@code stop-partition}. */
    String stopF();

    Object start(Random random);

    Object stop();
}
