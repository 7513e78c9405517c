package io.cairn.node.config;

import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code cluster.members}: a node's identity on the ring plus the addresses peers and
 * clients use to reach it. The addresses are advertised ones, which is why they live here and not
 * in {@code http.host}/{@code internode.host} (those are bind addresses and may be 0.0.0.0).
 */
public record MemberConfig(
    NodeId id, String host, int internodePort, int httpPort, int weight, Optional<String> zone) {

  public MemberConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(zone, "zone");
  }

  /** The ring's view of this member: id, weight, zone. */
  public Member toMember() {
    return new Member(id, weight, zone);
  }
}
