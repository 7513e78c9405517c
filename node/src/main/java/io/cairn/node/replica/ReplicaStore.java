package io.cairn.node.replica;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.StorageEngine;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's replicas: {@link StoredObject}s kept in a {@link StorageEngine} as Kryo bytes. Every
 * change is one atomic read-modify-write of the key, so a coordinated write, an incoming replica
 * copy, a hint and a repair that race on one key all merge; none overwrites another.
 */
public final class ReplicaStore {

  /** Told of every change to a stored object (anti-entropy keeps its Merkle trees with it). */
  @FunctionalInterface
  public interface ChangeListener {
    void changed(int partition, BucketKey key, byte[] before, byte[] after);

    ChangeListener NONE = (p, k, b, a) -> {};
  }

  private final StorageEngine engine;
  private final WireCodec codec;
  private final ChangeListener listener;
  private final LongSupplier dotCounter;

  /** A store without change listener whose dots start at 1 per key: for reads and tests only. */
  public ReplicaStore(StorageEngine engine, WireCodec codec) {
    this(engine, codec, ChangeListener.NONE, () -> 0L);
  }

  /**
   * @param dotCounter a node-wide counter that never repeats, not even across restarts (storage's
   *     {@code DotLease}): every new dot's counter is at least its next value, so that a key whose
   *     tombstone was reaped never reuses a dot a stale copy of that tombstone still covers
   */
  public ReplicaStore(StorageEngine engine, WireCodec codec, ChangeListener listener, LongSupplier dotCounter) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.dotCounter = Objects.requireNonNull(dotCounter, "dotCounter");
  }

  public StorageEngine engine() {
    return engine;
  }

  /** This replica's copy of the key ({@link StoredObject#empty()} if it never saw a write). */
  public StoredObject get(int partition, BucketKey key) {
    return engine.get(partition, key).map(this::decode).orElse(StoredObject.empty());
  }

  /**
   * A client write coordinated here: mints the next dot of {@code actor} on top of the stored
   * siblings, discarding exactly those {@code context} covers. Returns the new object.
   *
   * @throws CausalHistoryFullException if the write would grow the key's vector beyond what a context
   *     can carry; nothing is stored
   */
  public StoredObject write(int partition, BucketKey key, Actor actor, VersionVector context, Sibling value, ConflictMode mode) {
    return write(partition, key, () -> actor, context, value, mode);
  }

  /**
   * As {@link #write(int, BucketKey, Actor, VersionVector, Sibling, ConflictMode)}, asking for the
   * actor only once the stored copy has been read: if the engine found that copy corrupt (and
   * dropped it), the supplier can hand out a new actor first, so the new dot never claims to have
   * seen the dots the lost copy held.
   */
  public StoredObject write(int partition, BucketKey key, Supplier<Actor> actor, VersionVector context, Sibling value,
      ConflictMode mode) {
    byte[][] before = new byte[1][];
    StoredObject[] after = new StoredObject[1];
    byte[] bytes = engine.update(partition, key, current -> {
      before[0] = current;
      // kept rather than decoded again from the stored bytes: the engine stores what the last call
      // of this function returned (it calls it again only when it retries on a grown map)
      StoredObject stored = decodeOrEmpty(current);
      Actor writer = actor.get();
      after[0] = stored.write(writer, context, value, mode, dotCounter.getAsLong());
      int actors = after[0].context().size();
      if (actors > ContextTokens.MAX_ACTORS && actors > stored.context().size()) {
        // thrown inside the update: the engine keeps what it had
        throw new CausalHistoryFullException(key, writer, actors);
      }
      return codec.encode(after[0]);
    });
    // XOR deltas commute, so concurrent updates of one key may reach the tree in any order
    listener.changed(partition, key, before[0], bytes);
    return after[0];
  }

  /** Merges another replica's copy into this one (replication, read repair, hints, handoff). */
  public StoredObject merge(int partition, BucketKey key, StoredObject incoming, ConflictMode mode) {
    byte[][] before = new byte[1][];
    boolean[] changed = new boolean[1];
    StoredObject[] after = new StoredObject[1];
    byte[] bytes = engine.update(partition, key, current -> {
      before[0] = current;
      StoredObject stored = decodeOrEmpty(current);
      StoredObject merged = stored.merge(incoming, mode);
      changed[0] = !merged.equals(stored);
      after[0] = changed[0] ? merged : stored; // what the engine keeps, without decoding it again (see write)
      return changed[0] || current == null ? codec.encode(merged) : current;
    });
    if (changed[0]) {
      // a duplicate delivery (repair, retried copy) changes nothing and costs no tree update
      listener.changed(partition, key, before[0], bytes);
    }
    return after[0];
  }

  /**
   * Whether this replica holds exactly the tombstone {@code clock} names (every sibling a delete, the
   * same causal history), forced to disk so that it survives a power loss. Asked before a reap; may
   * block, so call it off the event loop.
   */
  public boolean holdsDurably(int partition, BucketKey key, VersionVector clock) {
    StoredObject stored = get(partition, key);
    if (!stored.isDeleted() || !stored.context().equals(clock)) {
      return false;
    }
    // forced after the check: what is on disk then is this tombstone or something newer, never the
    // older value the tombstone deleted
    engine.force(partition);
    return true;
  }

  /**
   * Removes the key if it still holds exactly the tombstone {@code clock} names (every sibling a
   * delete, the same causal history); anything newer stays. Returns whether it was removed.
   */
  public boolean reap(int partition, BucketKey key, VersionVector clock) {
    byte[][] before = new byte[1][];
    boolean[] removed = new boolean[1];
    engine.update(partition, key, current -> {
      before[0] = current;
      if (current == null) {
        return null;
      }
      StoredObject stored = decode(current);
      removed[0] = stored.isDeleted() && stored.context().equals(clock);
      return removed[0] ? null : current;
    });
    if (removed[0]) {
      listener.changed(partition, key, before[0], null);
    }
    return removed[0];
  }

  private StoredObject decodeOrEmpty(byte[] bytes) {
    return bytes == null ? StoredObject.empty() : decode(bytes);
  }

  private StoredObject decode(byte[] bytes) {
    return codec.decode(bytes, StoredObject.class);
  }
}
