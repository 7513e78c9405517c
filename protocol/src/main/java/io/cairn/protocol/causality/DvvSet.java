package io.cairn.protocol.causality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A dotted version vector set (Almeida, Baquero, Gonçalves, Preguiça, Fonte: "Dotted Version
 * Vectors: Efficient Causality Tracking for Distributed Key-Value Stores"): the sibling values of
 * one key, each tagged with the dot of the write that created it, plus one version vector for
 * everything this replica has seen of the key.
 *
 * <p>The paper's compact encoding keeps each actor's values as a list whose positions imply the
 * dots. Here every sibling carries its dot explicitly (the "dotted causal container" form of the
 * same structure): it costs a few bytes per sibling, and in exchange any single sibling can be
 * dropped while the clock keeps remembering it was seen, which {@code lww} resolution and tombstone
 * handling need. The semantics, and the bound of at most one sibling per concurrent writer, are
 * those of the paper.
 *
 * <p>Invariants (checked on construction): every sibling's dot is covered by the clock, dots are
 * unique, siblings are kept in dot order so that equal states are equal objects.
 *
 * @param <V> the sibling value type; values of equal dots are assumed equal (a dot is minted once)
 */
public final class DvvSet<V> {

  private static final DvvSet<?> EMPTY = new DvvSet<>(VersionVector.empty(), List.of());

  private final VersionVector clock;
  private final List<Dotted<V>> siblings;

  private DvvSet(VersionVector clock, List<Dotted<V>> siblings) {
    this.clock = clock;
    this.siblings = siblings;
  }

  @SuppressWarnings("unchecked")
  public static <V> DvvSet<V> empty() {
    return (DvvSet<V>) EMPTY;
  }

  /**
   * Rebuilds a set from its parts (e.g. when decoding), rejecting states no sequence of operations
   * could produce: a sibling the clock does not cover, or two siblings with one dot.
   */
  public static <V> DvvSet<V> of(VersionVector clock, List<Dotted<V>> siblings) {
    Objects.requireNonNull(clock, "clock");
    List<Dotted<V>> sorted = new ArrayList<>(siblings);
    sorted.sort((a, b) -> a.dot().compareTo(b.dot()));
    for (int i = 0; i < sorted.size(); i++) {
      Dot dot = sorted.get(i).dot();
      if (!clock.covers(dot)) {
        throw new IllegalArgumentException("sibling dot " + dot + " is not covered by clock " + clock);
      }
      if (i > 0 && sorted.get(i - 1).dot().equals(dot)) {
        throw new IllegalArgumentException("two siblings share the dot " + dot);
      }
    }
    return new DvvSet<>(clock, Collections.unmodifiableList(sorted));
  }

  /**
   * A new write of {@code value} at the replica identified by {@code actor}, by a client whose
   * causal context is {@code context} (what it read; empty for a blind write).
   *
   * <p>Exactly the siblings the context covers are discarded; the rest stay as concurrent siblings.
   * The new value gets the next dot of {@code actor}; the clock absorbs the context so that what the
   * writer saw is remembered as seen on every replica the result reaches.
   */
  public DvvSet<V> write(Actor actor, VersionVector context, V value) {
    return write(actor, context, value, 0);
  }

  /**
   * As {@link #write(Actor, VersionVector, Object)}, with the new dot's counter at least
   * {@code minCounter}. A replica whose copy of a key was removed (a reaped tombstone) no longer
   * knows which counters it used for that key; if it started again at 1, a stale copy of the old
   * tombstone arriving later would cover the new dots and silently drop acknowledged writes. A
   * node-wide counter that never repeats ({@code minCounter}) keeps every dot of an actor unique.
   * Gaps in an actor's counters are harmless: a clock entry {@code a:n} means "seen every dot of
   * {@code a} up to n that exists for this key".
   */
  public DvvSet<V> write(Actor actor, VersionVector context, V value, long minCounter) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(value, "value");
    DvvSet<V> base = discard(context);
    long next = Math.max(base.clock.get(actor) + 1, minCounter);
    List<Dotted<V>> out = new ArrayList<>(base.siblings.size() + 1);
    out.addAll(base.siblings);
    out.add(new Dotted<>(new Dot(actor, next), value));
    return of(base.clock.advance(actor, next), out);
  }

  /** This set after a client that saw {@code context} superseded what it saw (no new value). */
  public DvvSet<V> discard(VersionVector context) {
    Objects.requireNonNull(context, "context");
    if (context.isEmpty()) {
      return this;
    }
    List<Dotted<V>> kept = new ArrayList<>(siblings.size());
    for (Dotted<V> s : siblings) {
      if (!context.covers(s.dot())) {
        kept.add(s);
      }
    }
    return new DvvSet<>(clock.merge(context), Collections.unmodifiableList(kept));
  }

  /**
   * Merges two replicas' states (the DVVSet "sync"). A sibling survives if the other side has not
   * seen its dot, or has seen it and still keeps it; anything one side has seen and dropped stays
   * dropped. Commutative, associative and idempotent (proved by properties).
   */
  public DvvSet<V> sync(DvvSet<V> other) {
    if (other == this || other.clock.isEmpty()) {
      return this;
    }
    if (clock.isEmpty()) {
      return other;
    }
    List<Dotted<V>> out = new ArrayList<>(siblings.size() + other.siblings.size());
    int i = 0;
    int j = 0;
    while (i < siblings.size() || j < other.siblings.size()) {
      Dotted<V> a = i < siblings.size() ? siblings.get(i) : null;
      Dotted<V> b = j < other.siblings.size() ? other.siblings.get(j) : null;
      int cmp = a == null ? 1 : b == null ? -1 : a.dot().compareTo(b.dot());
      if (cmp == 0) {
        out.add(a); // both hold the same event: it survives
        i++;
        j++;
      } else if (cmp < 0) {
        if (!other.clock.covers(a.dot())) {
          out.add(a);
        }
        i++;
      } else {
        if (!clock.covers(b.dot())) {
          out.add(b);
        }
        j++;
      }
    }
    return new DvvSet<>(clock.merge(other.clock), Collections.unmodifiableList(out));
  }

  /**
   * Keeps only the siblings {@code keep} accepts; the clock still remembers the others as seen, so
   * a merge with a replica that still holds them drops them there too. Used by {@code lww}.
   */
  public DvvSet<V> retain(Predicate<Dotted<V>> keep) {
    List<Dotted<V>> kept = new ArrayList<>(siblings.size());
    for (Dotted<V> s : siblings) {
      if (keep.test(s)) {
        kept.add(s);
      }
    }
    return kept.size() == siblings.size()
        ? this
        : new DvvSet<>(clock, Collections.unmodifiableList(kept));
  }

  /** The same causal state with every value transformed (dots and clock unchanged). */
  public <W> DvvSet<W> map(Function<? super V, ? extends W> f) {
    List<Dotted<W>> out = new ArrayList<>(siblings.size());
    for (Dotted<V> s : siblings) {
      out.add(new Dotted<>(s.dot(), f.apply(s.value())));
    }
    return new DvvSet<>(clock, Collections.unmodifiableList(out));
  }

  /** Whether this state already contains everything in {@code other} (merging it changes nothing). */
  public boolean descends(DvvSet<V> other) {
    return sync(other).equals(this);
  }

  /** The causal context a client gets back: the summary of every write this state has seen. */
  public VersionVector context() {
    return clock;
  }

  public List<Dotted<V>> siblings() {
    return siblings;
  }

  public List<V> values() {
    List<V> out = new ArrayList<>(siblings.size());
    for (Dotted<V> s : siblings) {
      out.add(s.value());
    }
    return Collections.unmodifiableList(out);
  }

  public int size() {
    return siblings.size();
  }

  public boolean isEmpty() {
    return siblings.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DvvSet<?> d && clock.equals(d.clock) && siblings.equals(d.siblings);
  }

  @Override
  public int hashCode() {
    return 31 * clock.hashCode() + siblings.hashCode();
  }

  @Override
  public String toString() {
    return "DvvSet{clock=" + clock + ", siblings=" + siblings + "}";
  }
}
