package io.cairn.storage;

import io.cairn.protocol.object.BucketKey;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A replica's local store of encoded objects, addressed by (partition, bucket/key).
 *
 * <p>Shaped for a Dynamo replica: objects are opaque bytes (the Kryo-encoded sibling set); the one
 * operation a replica needs beyond get/put is an atomic read-modify-write of one key, because a
 * replica applies every incoming write, repair and handoff by merging with what it holds, and two
 * concurrent merges on one node must not lose each other. Partitions are the unit of handoff and
 * anti-entropy, so they can be scanned while writes continue and dropped as a whole.
 *
 * <p>Every engine passes {@code StorageEngineContract}. Implementations are thread-safe.
 */
public interface StorageEngine extends AutoCloseable {

  /** The stored bytes of a key, if any (a copy found corrupt counts as none). */
  Optional<byte[]> get(int partition, BucketKey key);

  /**
   * Stores {@code value} for the key, replacing what was there. Returns once the write is as
   * durable as the engine's {@link Durability} promises.
   *
   * @throws ValueTooLargeException if {@code value} exceeds {@link #maxValueBytes()}; nothing changes
   * @throws InsufficientStorageException if the volume is (nearly) full; nothing changes
   */
  void put(int partition, BucketKey key, byte[] value);

  /** Removes the key; returns whether it was present. */
  boolean delete(int partition, BucketKey key);

  /**
   * Atomically replaces the key's value with {@code f(current)}: {@code current} is null when the key
   * is absent; a null result removes the key. No other update of the same key interleaves. The
   * function may run more than once on contention and must be free of side effects.
   *
   * @return the new value (null if removed)
   * @throws ValueTooLargeException if the result exceeds {@link #maxValueBytes()}; nothing changes
   * @throws InsufficientStorageException if the volume is (nearly) full; nothing changes
   */
  byte[] update(int partition, BucketKey key, UnaryOperator<byte[]> f);

  /**
   * A weakly consistent scan of one partition: every key present for the whole scan is visited
   * exactly once; keys written or removed during it may or may not be. Writes continue meanwhile.
   */
  PartitionScan scan(int partition);

  /** Removes every key of the partition and releases its space (after a handoff). */
  void dropPartition(int partition);

  /** The partitions that currently hold at least one key or have storage allocated. */
  Set<Integer> partitions();

  /** Entry count and bytes of one partition. */
  PartitionStats stats(int partition);

  /**
   * Whether a write to {@code partition} may first have to create or grow on-disk structures, which
   * can take long enough to stall an event loop: callers on one hand such a write to a background
   * thread. Engines whose writes never block say false.
   */
  default boolean writeMayBlock(int partition) {
    return false;
  }

  /**
   * Makes every write to {@code partition} completed so far survive a power loss. Needed before a
   * node forgets something for good (a reaped tombstone): a write that lived only in the page cache
   * could otherwise vanish afterwards and let an older copy come back. It may block (an msync), so
   * call it off the event loop. Engines whose writes are durable when acknowledged do nothing.
   */
  void force(int partition);

  /** The largest value {@link #put} and {@link #update} accept, in bytes. */
  int maxValueBytes();

  /**
   * Whether writes acknowledged before this engine was opened may be missing (an mmap store after
   * a machine crash): the node must then take a new replica epoch.
   */
  default boolean mayHaveLostWrites() {
    return false;
  }

  /**
   * Stored objects found corrupt (checksum mismatch) since this engine was opened. Each was dropped
   * when found: {@link #get} and {@link #scan} never return it and {@link #update} sees it as absent,
   * so the key reads as missing on this replica until a write or repair replaces it.
   */
  default long checksumFailures() {
    return 0;
  }

  Durability durability();

  /** Flushes what must be flushed and releases files; later calls fail. */
  @Override
  void close();
}
