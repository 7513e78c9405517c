package io.cairn.protocol.causality;

import java.util.Comparator;
import java.util.Objects;

/**
 * One write event: the {@code counter}-th event minted by {@code actor}. Every sibling carries the
 * dot of the write that created it, which is what lets a replica tell "seen and superseded" from
 * "not seen yet" precisely, per value (Almeida et al., dotted version vectors).
 */
public record Dot(Actor actor, long counter) implements Comparable<Dot> {

  private static final Comparator<Dot> ORDER =
      Comparator.comparing(Dot::actor).thenComparingLong(Dot::counter);

  public Dot {
    Objects.requireNonNull(actor, "actor");
    if (counter < 1) {
      throw new IllegalArgumentException("dot counter must be >= 1, was " + counter);
    }
  }

  @Override
  public int compareTo(Dot other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return actor + ":" + counter;
  }
}
