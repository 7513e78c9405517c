package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes kept for replicas that could not take them (Dynamo's hinted handoff), durable until
 * delivered.
 *
 * <p>At most one hint exists per (target, partition, key): a second write for the same address is
 * merged into the stored one with the merge function the store was built with (the node's DVV
 * merge), so the store grows with the number of distinct keys written during an outage, not with
 * the number of writes. It is bounded in bytes (see {@link Hint#footprintBytes()}); an add that
 * would exceed the bound fails with {@link HintStoreFullException} and changes nothing.
 *
 * <p>Delivery is: take a batch with {@link #forTarget}, send it, then {@link #remove} each hint the
 * target acknowledged. Remove is compare-and-remove, so a write merged into a hint while its older
 * content was in flight is kept for the next round.
 *
 * <p>Implementations are thread-safe.
 */
public interface HintStore extends AutoCloseable {

  /**
   * Keeps {@code object} for {@code target}, merging it into the hint already kept for the same
   * (target, partition, key) if there is one: the stored object becomes {@code merge(stored,
   * object)} and the hint keeps its older creation time.
   *
   * @throws HintStoreFullException if the store would exceed its byte bound; nothing changes
   * @throws io.cairn.storage.ValueTooLargeException if the (merged) object is larger than the store
   *     accepts for one hint; nothing changes
   */
  void add(NodeId target, int partition, BucketKey key, byte[] object);

  /** Up to {@code limit} hints kept for {@code target}, in no particular order. */
  List<Hint> forTarget(NodeId target, int limit);

  /** The hint kept for {@code target} at (partition, key), if any: a lookup, not a scan. */
  Optional<Hint> get(NodeId target, int partition, BucketKey key);

  /** The nodes that have at least one hint waiting. */
  Set<NodeId> targets();

  /** Whether a hint of this key is held for any target (a tombstone may not be reaped meanwhile). */
  default boolean holdsAny(int partition, BucketKey key) {
    for (NodeId target : targets()) {
      if (get(target, partition, key).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** How many hints wait for each target (kept as running totals, no scan). */
  Map<NodeId, Long> pendingPerTarget();

  /**
   * Removes the hint at {@code delivered}'s address if it is still exactly {@code delivered} (same
   * object bytes and creation time). Returns false, keeping the stored hint, if it is absent or was
   * changed by a later {@link #add} (its new content has not been delivered yet).
   */
  boolean remove(Hint delivered);

  /** How many hints are waiting. */
  long pendingCount();

  /** The bytes the waiting hints count against the bound (sum of {@link Hint#footprintBytes()}). */
  long pendingBytes();

  /** The creation time of the oldest waiting hint: how stale the oldest undelivered write is. */
  OptionalLong oldestCreatedAtMillis();

  /**
   * Stored hints found corrupt since the store was opened: each was dropped (its write is still on
   * the replicas that took it, and anti-entropy brings it to the target).
   */
  default long checksumFailures() {
    return 0;
  }

  /** Releases the store; later calls fail. */
  @Override
  void close();
}
