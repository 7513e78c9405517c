package io.cairn.protocol.ring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Failure-zone bookkeeping shared by preference lists and claim.
 *
 * <p>A member without a zone counts as a zone of its own: it shares no failure domain we know of,
 * so spreading replicas across it and a zoned node is as good as across two zones. The two kinds
 * of key are prefixed so that a zone named like a node id cannot collide with it.
 */
final class Zones {

  private Zones() {}

  /** The failure domain of a member: its zone, or the member itself when it has none. */
  static String keyOf(Member member) {
    return member.zone().map(z -> "zone:" + z).orElseGet(() -> "node:" + member.id().value());
  }

  /** Number of distinct failure domains among the members. */
  static int count(List<Member> members) {
    Set<String> keys = new HashSet<>();
    for (Member m : members) {
      keys.add(keyOf(m));
    }
    return keys.size();
  }
}
