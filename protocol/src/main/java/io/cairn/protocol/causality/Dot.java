package io.cairn.protocol.causality;

import java.util.Objects;

/**
 * One write event: the {@code counter}-th event minted by {@code actor}. Every sibling carries the
 * dot of the write that created it, which is what lets a replica tell "seen and superseded" from
 * "not seen yet" precisely, per value (Almeida et al., dotted version vectors).
 */
public record Dot(Actor actor, long counter) implements Comparable<Dot> {

  public Dot {
    Objects.requireNonNull(actor, "actor");
    if (counter < 1) {
      throw new IllegalArgumentException("dot counter must be >= 1, was " + counter);
    }
  }

  @Override
  public int compareTo(Dot other) {
    int byActor = actor.compareTo(other.actor);
    return byActor != 0 ? byActor : Long.compare(counter, other.counter);
  }

  @Override
  public String toString() {
    return actor + ":" + counter;
  }
}
