package io.cairn.node.replica;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.hint.HintStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What this node holds of a key: its replica's copy merged with every hint it keeps for the key.
 * That is what a primary and a fallback answer to a read (a fallback's writes for a missing primary
 * live in its hint store until handoff), and what {@code GET ?local=true} shows an operator.
 */
public final class LocalReads {

  private final ReplicaStore store;
  private final HintStore hints;
  private final WireCodec codec;
  private final Function<String, ConflictMode> modes;

  /** @param modes the conflict mode of a bucket, by name */
  public LocalReads(ReplicaStore store, HintStore hints, WireCodec codec, Function<String, ConflictMode> modes) {
    this.store = Objects.requireNonNull(store, "store");
    this.hints = Objects.requireNonNull(hints, "hints");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.modes = Objects.requireNonNull(modes, "modes");
  }

  /** The replica's copy merged with the hints held for the key ({@link StoredObject#empty()} if none). */
  public StoredObject read(int partition, BucketKey key) {
    return withHints(partition, key, store.get(partition, key)).object();
  }

  /**
   * This node's copy, if it holds one: always when {@code replica} (it is a primary of the key),
   * otherwise only if it keeps a hint for the key.
   */
  public Optional<StoredObject> held(int partition, BucketKey key, boolean replica) {
    Copy copy = withHints(partition, key, replica ? store.get(partition, key) : StoredObject.empty());
    return replica || copy.hinted() ? Optional.of(copy.object()) : Optional.empty();
  }

  /** A copy, and whether some hint went into it. */
  private record Copy(StoredObject object, boolean hinted) {}

  private Copy withHints(int partition, BucketKey key, StoredObject replica) {
    // the common case, nothing waiting for handoff, costs no per-target lookups
    if (hints.pendingCount() == 0) {
      return new Copy(replica, false);
    }
    ConflictMode mode = modes.apply(key.bucket());
    StoredObject merged = replica;
    boolean hinted = false;
    for (NodeId target : hints.targets()) {
      var hint = hints.get(target, partition, key);
      if (hint.isPresent()) {
        merged = merged.merge(codec.decode(hint.get().object(), StoredObject.class), mode);
        hinted = true;
      }
    }
    return new Copy(merged, hinted);
  }
}
