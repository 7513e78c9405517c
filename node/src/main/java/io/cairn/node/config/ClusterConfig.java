package io.cairn.node.config;

import java.util.List;
import java.util.Objects;

/**
 * The cluster as this node is told it at start ({@code cluster.*}).
 *
 * @param members every node, including this one, in the order listed
 * @param partitions Q, the number of partitions; part of the on-disk contract, since keys are
 *     placed by {@code Partitioner}, so it cannot change once data is written
 */
public record ClusterConfig(List<MemberConfig> members, int partitions) {
  public ClusterConfig {
    members = List.copyOf(Objects.requireNonNull(members, "members"));
  }
}
