package io.cairn.storage.hint;

import io.cairn.protocol.ring.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Running totals of a hint store: count, bytes, hints per target and the multiset of creation
 * times, so that stats and {@link HintStore#targets()} need no scan. Not thread-safe: owned by a
 * {@link BoundedHintStore} under its lock, rebuilt by a scan when a store opens.
 */
final class HintLedger {

  private long count;
  private long bytes;
  private final Map<NodeId, Long> perTarget = new HashMap<>();
  private final TreeMap<Long, Long> createdAt = new TreeMap<>();

  void added(HintAddress address, StoredHint hint) {
    count++;
    bytes += hint.footprintBytes(address);
    perTarget.merge(address.target(), 1L, Long::sum);
    createdAt.merge(hint.createdAtMillis(), 1L, Long::sum);
  }

  void removed(HintAddress address, StoredHint hint) {
    count--;
    bytes -= hint.footprintBytes(address);
    perTarget.computeIfPresent(address.target(), (t, n) -> n == 1 ? null : n - 1);
    createdAt.computeIfPresent(hint.createdAtMillis(), (t, n) -> n == 1 ? null : n - 1);
  }

  long count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  Set<NodeId> targets() {
    return new TreeSet<>(perTarget.keySet());
  }

  Map<NodeId, Long> perTarget() {
    return new TreeMap<>(perTarget);
  }

  OptionalLong oldestCreatedAtMillis() {
    return createdAt.isEmpty() ? OptionalLong.empty() : OptionalLong.of(createdAt.firstKey());
  }
}
