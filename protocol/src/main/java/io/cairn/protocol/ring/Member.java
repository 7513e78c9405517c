package io.cairn.protocol.ring;

import java.util.Objects;
import java.util.Optional;

/**
 * A node as the ring sees it: its id, its claim weight and, optionally, its failure zone (rack,
 * availability zone). A node with weight 2 claims twice the partitions of a node with weight 1.
 */
public record Member(NodeId id, int weight, Optional<String> zone) implements Comparable<Member> {

  /** Upper bound on a weight, so that share arithmetic (Q * weight * members) stays in a long. */
  public static final int MAX_WEIGHT = 1_000_000;

  public Member {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "weight of node " + id + " is " + weight + "; it must be between 1 and " + MAX_WEIGHT);
    }
    zone.ifPresent(
        z -> {
          if (z.isBlank()) {
            throw new IllegalArgumentException("zone of node " + id + " must not be blank");
          }
        });
  }

  public static Member of(String id) {
    return new Member(NodeId.of(id), 1, Optional.empty());
  }

  public static Member of(String id, int weight) {
    return new Member(NodeId.of(id), weight, Optional.empty());
  }

  public static Member of(String id, int weight, String zone) {
    return new Member(NodeId.of(id), weight, Optional.of(zone));
  }

  @Override
  public int compareTo(Member other) {
    return id.compareTo(other.id);
  }
}
