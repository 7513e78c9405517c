package io.cairn.storage.hint;

import io.cairn.protocol.ring.NodeId;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The storage under a hint store: one {@link StoredHint} per {@link HintAddress}. Byte accounting,
 * merging and the bound live above it, in {@link BoundedHintStore}, which serialises all calls.
 */
interface HintTable {

  /** The hint at the address, or null. */
  StoredHint get(HintAddress address);

  /**
   * Files {@code hint} at the address, replacing what was there.
   *
   * @throws NoRoomException if the table cannot hold it; the table is unchanged then
   */
  void put(HintAddress address, StoredHint hint);

  void remove(HintAddress address);

  /** Offers the target's hints to {@code visitor} until it returns false. */
  void visit(NodeId target, Predicate<Hint> visitor);

  /** Every hint, for recounting at open. */
  void forEach(BiConsumer<HintAddress, StoredHint> action);

  /** Stored hints found corrupt (and dropped) since the table was opened. */
  default long checksumFailures() {
    return 0;
  }

  void close();

  /** The table refused a put for lack of room (not because of the byte bound). */
  final class NoRoomException extends RuntimeException {
    NoRoomException(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
