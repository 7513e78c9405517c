package io.cairn.node.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as this node is told it at start ({@code cluster.*}).
 *
 * @param members every node, including this one, in the order listed
 * @param partitions Q, the number of partitions; part of the on-disk contract, since keys are
 *     placed by {@code Partitioner}, so it cannot change once data is written
 * @param secret {@code cluster.secret} or the content of {@code cluster.secret-file}; empty only for
 *     a cluster of one node, which then keeps a generated one in its data directory
 */
public record ClusterConfig(List<MemberConfig> members, int partitions, Optional<ClusterSecret> secret) {
  public ClusterConfig {
    members = List.copyOf(Objects.requireNonNull(members, "members"));
    Objects.requireNonNull(secret, "secret");
  }
}
