package io.cairn.protocol.causality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable version vector: for each actor, the number of its events seen, meaning events
 * {@code 1..n} of that actor are all in the causal past.
 *
 * <p>Stored as two parallel arrays sorted by actor: contexts are small (one entry per actor that ever
 * wrote the key) and compared and merged on every request, so sorted arrays beat a tree map.
 * Actors with a zero count are never stored, so equal histories have equal vectors.
 */
public final class VersionVector {

  private static final VersionVector EMPTY = new VersionVector(new Actor[0], new long[0]);

  private final Actor[] actors;
  private final long[] counters;

  private VersionVector(Actor[] actors, long[] counters) {
    this.actors = actors;
    this.counters = counters;
  }

  public static VersionVector empty() {
    return EMPTY;
  }

  /** Builds a vector from any map; zero counters are dropped, negative ones rejected. */
  public static VersionVector of(Map<Actor, Long> entries) {
    List<Map.Entry<Actor, Long>> sorted = new ArrayList<>(entries.entrySet());
    sorted.sort(Map.Entry.comparingByKey());
    Builder builder = new Builder(sorted.size());
    for (Map.Entry<Actor, Long> e : sorted) {
      builder.add(e.getKey(), e.getValue());
    }
    return builder.build();
  }

  /** A builder that requires actors in strictly ascending order (the canonical order). */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  /** Events of {@code actor} seen so far (0 if none). */
  public long get(Actor actor) {
    int i = Arrays.binarySearch(actors, actor);
    return i >= 0 ? counters[i] : 0L;
  }

  /** Whether the event {@code dot} is in the history this vector summarises. */
  public boolean covers(Dot dot) {
    return dot.counter() <= get(dot.actor());
  }

  /** Whether every event in {@code other} is also in this vector ({@code this >= other}). */
  public boolean descends(VersionVector other) {
    for (int i = 0; i < other.actors.length; i++) {
      if (get(other.actors[i]) < other.counters[i]) {
        return false;
      }
    }
    return true;
  }

  /** The least upper bound: the union of both histories. */
  public VersionVector merge(VersionVector other) {
    if (other.actors.length == 0 || this == other) {
      return this;
    }
    if (actors.length == 0) {
      return other;
    }
    Builder out = new Builder(actors.length + other.actors.length);
    int i = 0;
    int j = 0;
    while (i < actors.length || j < other.actors.length) {
      int cmp =
          i == actors.length ? 1 : j == other.actors.length ? -1 : actors[i].compareTo(other.actors[j]);
      if (cmp < 0) {
        out.add(actors[i], counters[i++]);
      } else if (cmp > 0) {
        out.add(other.actors[j], other.counters[j++]);
      } else {
        out.add(actors[i], Math.max(counters[i++], other.counters[j++]));
      }
    }
    return out.build();
  }

  /** This vector with {@code actor}'s count set to {@code counter} (which must not go backwards). */
  public VersionVector advance(Actor actor, long counter) {
    long current = get(actor);
    if (counter < current) {
      throw new IllegalArgumentException(
          "cannot move " + actor + " back from " + current + " to " + counter);
    }
    return merge(new VersionVector(new Actor[] {actor}, new long[] {counter}));
  }

  public int size() {
    return actors.length;
  }

  public boolean isEmpty() {
    return actors.length == 0;
  }

  public Actor actorAt(int index) {
    return actors[index];
  }

  public long counterAt(int index) {
    return counters[index];
  }

  /** The entries in canonical (ascending actor) order. */
  public Map<Actor, Long> asMap() {
    Map<Actor, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < actors.length; i++) {
      map.put(actors[i], counters[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionVector v
        && Arrays.equals(actors, v.actors)
        && Arrays.equals(counters, v.counters);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(actors) + Arrays.hashCode(counters);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < actors.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(actors[i]).append('=').append(counters[i]);
    }
    return sb.append('}').toString();
  }

  /** Accumulates entries in ascending actor order; rejects anything non-canonical. */
  public static final class Builder {
    private Actor[] actors;
    private long[] counters;
    private int size;

    private Builder(int expectedSize) {
      actors = new Actor[Math.max(expectedSize, 1)];
      counters = new long[actors.length];
    }

    /** Adds an entry; a zero counter is skipped, a negative one or an out-of-order actor rejected. */
    public Builder add(Actor actor, long counter) {
      Objects.requireNonNull(actor, "actor");
      if (counter < 0) {
        throw new IllegalArgumentException("counter of " + actor + " must be >= 0, was " + counter);
      }
      if (size > 0 && actors[size - 1].compareTo(actor) >= 0) {
        throw new IllegalArgumentException(
            "actors must be added in strictly ascending order: " + actor + " after "
                + actors[size - 1]);
      }
      if (counter == 0) {
        return this;
      }
      if (size == actors.length) {
        actors = Arrays.copyOf(actors, size * 2);
        counters = Arrays.copyOf(counters, size * 2);
      }
      actors[size] = actor;
      counters[size] = counter;
      size++;
      return this;
    }

    public VersionVector build() {
      if (size == 0) {
        return EMPTY;
      }
      return new VersionVector(Arrays.copyOf(actors, size), Arrays.copyOf(counters, size));
    }
  }
}
