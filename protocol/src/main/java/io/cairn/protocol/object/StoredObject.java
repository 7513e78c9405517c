package io.cairn.protocol.object;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.Dotted;
import io.cairn.protocol.causality.DvvSet;
import io.cairn.protocol.causality.VersionVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a replica stores for one key: the key's {@link DvvSet} of {@link Sibling}s. Every write,
 * delete, read repair, hint delivery and anti-entropy exchange goes through {@link #write} or
 * {@link #merge}, so the conflict rule of the bucket is applied in exactly one place.
 */
public final class StoredObject {

  private static final StoredObject EMPTY = new StoredObject(DvvSet.empty());

  /** LWW order: newest timestamp wins; equal timestamps are broken by dot so that all replicas agree. */
  private static final Comparator<Dotted<Sibling>> LWW_ORDER =
      Comparator.<Dotted<Sibling>>comparingLong(d -> d.value().timestamp())
          .thenComparing(Dotted::dot);

  private final DvvSet<Sibling> versions;

  private StoredObject(DvvSet<Sibling> versions) {
    this.versions = versions;
  }

  public static StoredObject empty() {
    return EMPTY;
  }

  public static StoredObject of(DvvSet<Sibling> versions) {
    Objects.requireNonNull(versions, "versions");
    return versions.context().isEmpty() ? EMPTY : new StoredObject(versions);
  }

  /**
   * Applies a client's write (or delete, when {@code sibling} is a tombstone) at the replica
   * {@code actor}: discards the siblings {@code context} covers and adds the new one. In
   * {@link ConflictMode#LWW} only the newest sibling is kept afterwards.
   */
  public StoredObject write(Actor actor, VersionVector context, Sibling sibling, ConflictMode mode) {
    return write(actor, context, sibling, mode, 0);
  }

  /** As above, with the new dot's counter at least {@code minCounter} (see {@link DvvSet#write}). */
  public StoredObject write(Actor actor, VersionVector context, Sibling sibling, ConflictMode mode, long minCounter) {
    return resolve(new StoredObject(versions.write(actor, context, sibling, minCounter)), mode);
  }

  /** Merges another replica's copy of the same key into this one (read repair, handoff, exchange). */
  public StoredObject merge(StoredObject other, ConflictMode mode) {
    return resolve(of(versions.sync(other.versions)), mode);
  }

  private static StoredObject resolve(StoredObject object, ConflictMode mode) {
    if (mode == ConflictMode.SIBLINGS || object.versions.size() <= 1) {
      return object;
    }
    Dotted<Sibling> newest = Collections.max(object.versions.siblings(), LWW_ORDER);
    return new StoredObject(object.versions.retain(d -> d == newest));
  }

  /** Whether merging {@code other} into this copy would change nothing (this copy is not stale). */
  public boolean descends(StoredObject other) {
    return versions.descends(other.versions);
  }

  public DvvSet<Sibling> versions() {
    return versions;
  }

  /** The causal context to hand to a client that read this object. */
  public VersionVector context() {
    return versions.context();
  }

  /** Every sibling, tombstones included, in dot order. */
  public List<Sibling> siblings() {
    return versions.values();
  }

  /** The siblings that are values, not deletes. */
  public List<Sibling> liveSiblings() {
    List<Sibling> live = new ArrayList<>(versions.size());
    for (Dotted<Sibling> d : versions.siblings()) {
      if (!d.value().tombstone()) {
        live.add(d.value());
      }
    }
    return Collections.unmodifiableList(live);
  }

  /** How many siblings are values, not deletes (without building the list). */
  public int liveSiblingCount() {
    int live = 0;
    for (Dotted<Sibling> d : versions.siblings()) {
      if (!d.value().tombstone()) {
        live++;
      }
    }
    return live;
  }

  /**
   * This object's clock with no siblings: everything it has seen and none of its values. A writer
   * shown no concurrent values needs only this to write again (see the coordinator's put answer).
   */
  public StoredObject contextOnly() {
    return versions.siblings().isEmpty() ? this : of(DvvSet.of(versions.context(), List.of()));
  }

  /** True when the key has history but every remaining sibling is a delete (a read answers 404). */
  public boolean isDeleted() {
    return !versions.context().isEmpty() && liveSiblings().isEmpty();
  }

  /** True when this replica has never seen a write of the key. */
  public boolean isEmpty() {
    return versions.context().isEmpty();
  }

  public int siblingCount() {
    return versions.size();
  }

  /** Sum of the sibling value sizes, for object-size limits and metrics. */
  public long valueBytes() {
    long total = 0;
    for (Dotted<Sibling> d : versions.siblings()) {
      total += d.value().size();
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredObject s && versions.equals(s.versions);
  }

  @Override
  public int hashCode() {
    return versions.hashCode();
  }

  @Override
  public String toString() {
    return "StoredObject" + versions;
  }
}
