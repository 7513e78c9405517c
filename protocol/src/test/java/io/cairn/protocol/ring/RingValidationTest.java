package io.cairn.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RingValidationTest {

  private static final List<Member> AB = List.of(Member.of("a"), Member.of("b"));

  @Test
  void acceptsAValidRingAndAnswersQueries() {
    Ring ring = new Ring(3, 4, AB, ids("a", "b", "a", "a"));
    assertEquals(NodeId.of("b"), ring.ownerOf(1));
    assertEquals(List.of(0, 2, 3), ring.partitionsOwnedBy(NodeId.of("a")));
    assertEquals(List.of(), ring.partitionsOwnedBy(NodeId.of("zz")));
    assertEquals(Map.of(NodeId.of("a"), 3, NodeId.of("b"), 1), ring.ownershipCounts());
    assertEquals(Optional.of(Member.of("b")), ring.member(NodeId.of("b")));
    assertEquals(Optional.empty(), ring.member(NodeId.of("c")));
    assertEquals(9, ring.withEpoch(9).epoch());
    assertEquals(ring.owners(), ring.withEpoch(9).owners());
  }

  @Test
  void countsMembersOwningNothing() {
    Ring ring = new Ring(0, 2, List.of(Member.of("a"), Member.of("b"), Member.of("c")), ids("a", "a"));
    assertEquals(0, ring.ownershipCounts().get(NodeId.of("c")));
  }

  @Test
  void rejectsNegativeEpoch() {
    assertMessage("epoch is -1", () -> new Ring(-1, 2, AB, ids("a", "b")));
  }

  @Test
  void rejectsPartitionCountsThatAreNotPowersOfTwoInRange() {
    assertMessage("power of two", () -> new Ring(1, 3, AB, ids("a", "b", "a")));
    assertMessage("power of two", () -> new Ring(1, 0, AB, ids()));
    assertMessage("power of two", () -> new Ring(1, 1 << 17, AB, ids()));
  }

  @Test
  void rejectsEmptyUnsortedOrDuplicateMembers() {
    assertMessage("at least one member", () -> new Ring(1, 1, List.of(), ids("a")));
    assertMessage("sorted by id", () -> new Ring(1, 2, List.of(Member.of("b"), Member.of("a")), ids("a", "b")));
    assertMessage("node a twice", () -> new Ring(1, 2, List.of(Member.of("a"), Member.of("a", 2)), ids("a", "a")));
    assertMessage("must not be null", () -> new Ring(1, 2, null, ids("a", "b")));
    List<Member> withNull = new ArrayList<>(AB);
    withNull.add(null);
    assertMessage("null at index 2", () -> new Ring(1, 2, withNull, ids("a", "b")));
  }

  @Test
  void rejectsOwnersOfTheWrongCountOrNotMembers() {
    assertMessage("4 partitions but 2 owners", () -> new Ring(1, 4, AB, ids("a", "b")));
    assertMessage("partition 1 is owned by c", () -> new Ring(1, 2, AB, ids("a", "c")));
  }

  @Test
  void rejectsOutOfRangePartitions() {
    Ring ring = new Ring(1, 2, AB, ids("a", "b"));
    assertMessage("partition 2 is out of range [0, 2)", () -> ring.ownerOf(2));
    assertMessage("out of range", () -> ring.ownerOf(-1));
  }

  @Test
  void claimRejectsBadInput() {
    Claim claim = new Claim();
    assertMessage("at least one member", () -> claim.claim(List.of(), 8));
    assertMessage("listed twice", () -> claim.claim(List.of(Member.of("a"), Member.of("a", 2)), 8));
    assertMessage("power of two", () -> claim.claim(AB, 12));
    assertMessage("at least 1", () -> new Claim(0));
  }

  private static void assertMessage(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
  }

  private static List<NodeId> ids(String... ids) {
    return Arrays.stream(ids).map(NodeId::of).toList();
  }
}
