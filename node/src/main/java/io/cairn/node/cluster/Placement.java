package io.cairn.node.cluster;

import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.ring.PreferenceList;
import io.cairn.protocol.ring.Ring;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One ring together with the lookups every request makes on it: the partition of a key and the
 * preference list of a partition. A preference list costs O(Q) and a few sets to compute, so each
 * is computed once per (partition, n) and kept for as long as this ring is current; a new ring
 * gets a new placement, so nothing here is ever invalidated.
 */
public final class Placement {

  private final Ring ring;
  private final Partitioner partitioner;
  /** Index n - 1; each array is created on first use of that n (most clusters use one or two). */
  private final AtomicReferenceArray<AtomicReferenceArray<PreferenceList>> byN;

  public Placement(Ring ring) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.partitioner = new Partitioner(ring.partitionCount());
    this.byN = new AtomicReferenceArray<>(ring.members().size());
  }

  public Ring ring() {
    return ring;
  }

  public int partitionOf(String bucket, String key) {
    return partitioner.partitionOf(bucket, key);
  }

  /** As {@link Ring#preferenceList(int, int)}, computed once; the same errors for bad arguments. */
  public PreferenceList preferenceList(int partition, int n) {
    if (n < 1 || n > byN.length() || partition < 0 || partition >= ring.partitionCount()) {
      return ring.preferenceList(partition, n); // throws the ring's own explanation
    }
    AtomicReferenceArray<PreferenceList> lists = byN.get(n - 1);
    if (lists == null) {
      byN.compareAndSet(n - 1, null, new AtomicReferenceArray<>(ring.partitionCount()));
      lists = byN.get(n - 1);
    }
    PreferenceList pl = lists.get(partition);
    if (pl == null) {
      pl = ring.preferenceList(partition, n); // a pure function: racing threads compute equal lists
      lists.set(partition, pl);
    }
    return pl;
  }
}
