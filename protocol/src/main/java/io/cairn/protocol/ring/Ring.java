package io.cairn.protocol.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who owns which partition, at one epoch: the whole placement state of the cluster.
 *
 * <p>The four components are exactly what the wire codec serializes, so the canonical constructor
 * stays public and validates everything a decoded ring could get wrong. Members are kept sorted by
 * id so that equal rings are equal records, whatever order they were built in.
 *
 * @param epoch increases by one with every claim; a node adopts a gossiped ring only if newer
 * @param partitionCount Q, a power of two; see {@link Partitioner}
 * @param members every node of the cluster, sorted by id, ids unique
 * @param owners the owner of partition i at index i; every owner is a member
 */
public record Ring(long epoch, int partitionCount, List<Member> members, List<NodeId> owners) {

  public Ring {
    if (epoch < 0) {
      throw new IllegalArgumentException("ring epoch is " + epoch + "; it must not be negative");
    }
    Partitioner.requireValidPartitionCount(partitionCount);
    members = copyWithoutNulls(members, "members");
    owners = copyWithoutNulls(owners, "owners");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a ring needs at least one member");
    }
    for (int i = 1; i < members.size(); i++) {
      NodeId before = members.get(i - 1).id();
      NodeId after = members.get(i).id();
      int order = before.compareTo(after);
      if (order == 0) {
        throw new IllegalArgumentException("ring members contain node " + after + " twice");
      }
      if (order > 0) {
        throw new IllegalArgumentException(
            "ring members must be sorted by id, but " + before + " comes before " + after);
      }
    }
    if (owners.size() != partitionCount) {
      throw new IllegalArgumentException(
          "ring has " + partitionCount + " partitions but " + owners.size() + " owners");
    }
    Set<NodeId> ids = new HashSet<>();
    members.forEach(m -> ids.add(m.id()));
    for (int p = 0; p < owners.size(); p++) {
      if (!ids.contains(owners.get(p))) {
        throw new IllegalArgumentException(
            "partition " + p + " is owned by " + owners.get(p) + ", which is not a ring member");
      }
    }
  }

  /** The owner of a partition. */
  public NodeId ownerOf(int partition) {
    requirePartition(partition);
    return owners.get(partition);
  }

  /** The partitions a node owns, ascending; empty for a non-member or a member owning none. */
  public List<Integer> partitionsOwnedBy(NodeId node) {
    List<Integer> owned = new ArrayList<>();
    for (int p = 0; p < owners.size(); p++) {
      if (owners.get(p).equals(node)) {
        owned.add(p);
      }
    }
    return List.copyOf(owned);
  }

  /** How many partitions each member owns, sorted by id; members owning none map to 0. */
  public Map<NodeId, Integer> ownershipCounts() {
    Map<NodeId, Integer> counts = new TreeMap<>();
    members.forEach(m -> counts.put(m.id(), 0));
    owners.forEach(o -> counts.merge(o, 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }

  /** The member with this id, if it is one. */
  public Optional<Member> member(NodeId id) {
    Objects.requireNonNull(id, "id");
    // Members are sorted by id, so a binary search is enough.
    int low = 0;
    int high = members.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = members.get(mid).id().compareTo(id);
      if (order == 0) {
        return Optional.of(members.get(mid));
      } else if (order < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** The ids of all members, sorted. */
  public List<NodeId> memberIds() {
    return members.stream().map(Member::id).toList();
  }

  /** Number of distinct failure zones; a member without a zone counts as a zone of its own. */
  public int zoneCount() {
    return Zones.count(members);
  }

  /** The n nodes that replicate a partition, and the order of stand-ins; see {@link PreferenceList}. */
  public PreferenceList preferenceList(int partition, int n) {
    return PreferenceList.of(this, partition, n);
  }

  /** The same placement under another epoch. */
  public Ring withEpoch(long newEpoch) {
    return new Ring(newEpoch, partitionCount, members, owners);
  }

  void requirePartition(int partition) {
    if (partition < 0 || partition >= partitionCount) {
      throw new IllegalArgumentException(
          "partition " + partition + " is out of range [0, " + partitionCount + ")");
    }
  }

  private static <T> List<T> copyWithoutNulls(List<T> list, String what) {
    if (list == null) {
      throw new IllegalArgumentException("ring " + what + " must not be null");
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException("ring " + what + " contain null at index " + i);
      }
    }
    return List.copyOf(list);
  }
}
