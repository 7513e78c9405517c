package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes responsible for one partition: n primaries that hold its replicas, then every other
 * member as a fallback, in the order a sloppy quorum should try them when primaries are down.
 *
 * <p>Primaries are found by walking the ring clockwise from the partition (p, p+1, ... wrapping)
 * and taking each owner not taken yet. When the members span at least n failure zones, an owner
 * whose zone already holds a primary is skipped too, so the n replicas sit in n zones. A member
 * without a zone counts as a zone of its own (see {@link Zones}). If the walk yields fewer than n
 * eligible owners, members owning no partition (sorted by id) fill the list.
 *
 * <p>Fallbacks continue the walk from just after the last primary found on it, once around the
 * whole ring, taking every member not already listed; then come members owning no partition,
 * sorted by id. Continuing clockwise makes a node's stand-in the one that would inherit its
 * partitions, so hinted data lands where it is likely to end up anyway.
 *
 * <p>A pure function of (ring, partition, n), costing O(Q): callers on a hot path should cache
 * the lists per ring epoch.
 */
public record PreferenceList(int partition, List<NodeId> primaries, List<NodeId> fallbacks) {

  public PreferenceList {
    if (partition < 0) {
      throw new IllegalArgumentException("partition is " + partition + "; it must not be negative");
    }
    primaries = List.copyOf(primaries);
    fallbacks = List.copyOf(fallbacks);
    if (primaries.isEmpty()) {
      throw new IllegalArgumentException("a preference list needs at least one primary");
    }
    Set<NodeId> seen = new HashSet<>();
    for (NodeId node : primaries) {
      if (!seen.add(node)) {
        throw new IllegalArgumentException("node " + node + " is listed twice as a primary");
      }
    }
    for (NodeId node : fallbacks) {
      if (!seen.add(node)) {
        throw new IllegalArgumentException(
            "node " + node + " is listed twice, or as both primary and fallback");
      }
    }
  }

  /** Computes the preference list of a partition for replication factor n. */
  public static PreferenceList of(Ring ring, int partition, int n) {
    ring.requirePartition(partition);
    List<Member> members = ring.members();
    if (n < 1) {
      throw new IllegalArgumentException("replication factor n is " + n + "; it must be at least 1");
    }
    if (n > members.size()) {
      throw new IllegalArgumentException(
          "replication factor n = " + n + " is greater than the number of nodes ("
              + members.size() + ")");
    }
    int q = ring.partitionCount();
    Picker primaries = new Picker(ring, Zones.count(members) >= n);
    int lastPrimaryStep = 0;
    for (int step = 0; step < q && primaries.size() < n; step++) {
      if (primaries.offer(ring.ownerOf((partition + step) % q))) {
        lastPrimaryStep = step;
      }
    }
    List<NodeId> nonOwners = nonOwners(ring);
    for (int i = 0; i < nonOwners.size() && primaries.size() < n; i++) {
      primaries.offer(nonOwners.get(i));
    }

    Set<NodeId> taken = new HashSet<>(primaries.picked);
    List<NodeId> fallbacks = new ArrayList<>();
    for (int step = lastPrimaryStep + 1; step <= lastPrimaryStep + q; step++) {
      NodeId owner = ring.ownerOf((partition + step) % q);
      if (taken.add(owner)) {
        fallbacks.add(owner);
      }
    }
    for (NodeId node : nonOwners) {
      if (taken.add(node)) {
        fallbacks.add(node);
      }
    }
    return new PreferenceList(partition, List.copyOf(primaries.picked), fallbacks);
  }

  /** The replication factor this list was computed for. */
  public int n() {
    return primaries.size();
  }

  /** Primaries then fallbacks: every member exactly once. */
  public List<NodeId> all() {
    List<NodeId> all = new ArrayList<>(primaries);
    all.addAll(fallbacks);
    return List.copyOf(all);
  }

  private static List<NodeId> nonOwners(Ring ring) {
    Set<NodeId> owning = new HashSet<>(ring.owners());
    return ring.memberIds().stream().filter(id -> !owning.contains(id)).toList();
  }

  /** Accumulates primaries, refusing duplicates and, when required, a second node of a zone. */
  private static final class Picker {
    private final Ring ring;
    private final boolean distinctZones;
    private final LinkedHashSet<NodeId> picked = new LinkedHashSet<>();
    private final Set<String> zones = new HashSet<>();

    Picker(Ring ring, boolean distinctZones) {
      this.ring = ring;
      this.distinctZones = distinctZones;
    }

    boolean offer(NodeId node) {
      if (picked.contains(node)) {
        return false;
      }
      if (distinctZones) {
        String zone = Zones.keyOf(ring.member(node).orElseThrow());
        if (!zones.add(zone)) {
          return false;
        }
      }
      picked.add(node);
      return true;
    }

    int size() {
      return picked.size();
    }
  }
}
