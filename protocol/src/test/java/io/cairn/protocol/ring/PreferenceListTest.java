package io.cairn.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.Tuple;

class PreferenceListTest {

  /** A ring (claimed, or with arbitrary lopsided ownership), a partition and n ≤ min(5, members). */
  @Provide
  Arbitrary<Tuple3<Ring, Integer, Integer>> lists() {
    Arbitrary<Ring> rings =
        Arbitraries.oneOf(RingGenerators.claimedRings(), RingGenerators.arbitraryRings(),
            RingGenerators.histories().map(h -> RingGenerators.replay(h, new Claim())));
    return rings.flatMap(
        ring ->
            Combinators.combine(
                    Arbitraries.integers().between(0, ring.partitionCount() - 1),
                    Arbitraries.integers().between(1, Math.min(5, ring.members().size())))
                .as((p, n) -> Tuple.of(ring, p, n)));
  }

  @Property(tries = 1000)
  void hasExactlyNDistinctPrimariesStartingWithTheOwner(
      @ForAll("lists") Tuple3<Ring, Integer, Integer> in) {
    PreferenceList list = in.get1().preferenceList(in.get2(), in.get3());
    assertEquals(in.get3(), list.primaries().size());
    assertEquals(in.get3(), new HashSet<>(list.primaries()).size());
    assertEquals(in.get1().ownerOf(in.get2()), list.primaries().get(0));
    assertEquals(in.get2(), list.partition());
  }

  @Property(tries = 1000)
  void primariesSitInDistinctZonesWhenThereAreEnoughZones(
      @ForAll("lists") Tuple3<Ring, Integer, Integer> in) {
    Ring ring = in.get1();
    PreferenceList list = ring.preferenceList(in.get2(), in.get3());
    if (ring.zoneCount() >= in.get3()) {
      Set<String> zones = new HashSet<>();
      for (NodeId node : list.primaries()) {
        assertTrue(zones.add(Zones.keyOf(ring.member(node).orElseThrow())), "zone repeated in " + list);
      }
    }
  }

  @Property(tries = 1000)
  void fallbacksAreEveryOtherMemberExactlyOnce(@ForAll("lists") Tuple3<Ring, Integer, Integer> in) {
    Ring ring = in.get1();
    PreferenceList list = ring.preferenceList(in.get2(), in.get3());
    for (NodeId fallback : list.fallbacks()) {
      assertTrue(!list.primaries().contains(fallback), fallback + " is primary and fallback");
    }
    List<NodeId> all = new ArrayList<>(list.all());
    all.sort(null);
    assertEquals(ring.memberIds(), all);
  }

  /** Without a zone constraint, the primaries are the first n distinct owners clockwise. */
  @Property(tries = 1000)
  void primariesAreTheFirstDistinctOwnersClockwise(
      @ForAll("lists") Tuple3<Ring, Integer, Integer> in) {
    Ring ring = in.get1();
    int n = in.get3();
    Set<NodeId> walk = new LinkedHashSet<>();
    for (int step = 0; step < ring.partitionCount(); step++) {
      walk.add(ring.ownerOf((in.get2() + step) % ring.partitionCount()));
    }
    if (ring.zoneCount() < n && walk.size() >= n) {
      assertEquals(
          List.copyOf(walk).subList(0, n), ring.preferenceList(in.get2(), n).primaries());
    }
  }

  @Property(tries = 1000)
  void isAPureFunctionOfRingPartitionAndN(@ForAll("lists") Tuple3<Ring, Integer, Integer> in) {
    Ring copy = new Ring(in.get1().epoch(), in.get1().partitionCount(), in.get1().members(), in.get1().owners());
    assertEquals(in.get1().preferenceList(in.get2(), in.get3()), copy.preferenceList(in.get2(), in.get3()));
  }

  @Example
  void walksClockwiseAndWrapsForFallbacks() {
    Ring ring = ring(List.of(Member.of("a"), Member.of("b"), Member.of("c"), Member.of("d")),
        "a", "a", "b", "c", "a", "d", "b", "c");
    PreferenceList list = ring.preferenceList(6, 2);
    assertEquals(ids("b", "c"), list.primaries());
    // Continue after position 7 (c): 0 a, 1 a, 2 b, 3 c, 4 a, 5 d.
    assertEquals(ids("a", "d"), list.fallbacks());
  }

  @Example
  void skipsASecondNodeOfAZoneWhenZonesSuffice() {
    Ring ring = ring(
        List.of(Member.of("a", 1, "z1"), Member.of("b", 1, "z1"), Member.of("c", 1, "z2")),
        "a", "b", "c", "a");
    assertEquals(ids("a", "c"), ring.preferenceList(0, 2).primaries());
    assertEquals(ids("b"), ring.preferenceList(0, 2).fallbacks());
    // Three nodes but two zones: n = 3 cannot be zone-distinct, so zones are ignored.
    assertEquals(ids("a", "b", "c"), ring.preferenceList(0, 3).primaries());
  }

  @Example
  void membersWithoutAZoneCountAsTheirOwnZone() {
    Ring ring = ring(
        List.of(Member.of("a", 1, "z1"), Member.of("b", 1, "z1"), Member.of("c"), Member.of("d")),
        "a", "b", "c", "d");
    // Zones: z1, c, d. n = 3 is satisfiable, so b (z1 again) is skipped.
    assertEquals(ids("a", "c", "d"), ring.preferenceList(0, 3).primaries());
    assertEquals(ids("b"), ring.preferenceList(0, 3).fallbacks());
  }

  @Example
  void nonOwnersFillPrimariesThenFallbacksInIdOrder() {
    Ring ring = ring(List.of(Member.of("a"), Member.of("b"), Member.of("c"), Member.of("d")),
        "b", "b", "b", "b");
    PreferenceList list = ring.preferenceList(1, 3);
    assertEquals(ids("b", "a", "c"), list.primaries());
    assertEquals(ids("d"), list.fallbacks());
  }

  @Example
  void rejectsNAboveTheNumberOfNodes() {
    Ring ring = ring(List.of(Member.of("a"), Member.of("b")), "a", "b");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ring.preferenceList(0, 3));
    assertTrue(e.getMessage().contains("greater than the number of nodes (2)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ring.preferenceList(0, 0));
    assertThrows(IllegalArgumentException.class, () -> ring.preferenceList(2, 1));
  }

  @Example
  void rejectsOverlappingLists() {
    assertThrows(IllegalArgumentException.class,
        () -> new PreferenceList(0, ids("a", "b"), ids("b")));
    assertThrows(IllegalArgumentException.class, () -> new PreferenceList(0, ids("a", "a"), ids()));
  }

  @Example
  void fallbacksContinueAfterTheLastPrimaryNotAfterTheFirstOwner() {
    // a and b share zone z1 with d; n = 2 is zone-distinct: a, then c (b skipped). The fallbacks walk
    // on from c's position, so d comes before the skipped b.
    Ring ring = ring(
        List.of(Member.of("a", 1, "z1"), Member.of("b", 1, "z1"), Member.of("c", 1, "z2"), Member.of("d", 1, "z1")),
        "a", "b", "c", "d");
    PreferenceList list = ring.preferenceList(0, 2);
    assertEquals(ids("a", "c"), list.primaries());
    assertEquals(ids("d", "b"), list.fallbacks());
  }

  @Example
  void rejectsMalformedListsWithAReason() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> new PreferenceList(-1, ids("a"), ids()));
    assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new PreferenceList(0, ids(), ids("a")));
    assertTrue(none.getMessage().contains("at least one primary"), none.getMessage());
    Ring ring = ring(List.of(Member.of("a"), Member.of("b")), "a", "b");
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ring.preferenceList(0, 0));
    assertTrue(zero.getMessage().contains("must be at least 1"), zero.getMessage());
    assertEquals(ids("a", "b"), ring.preferenceList(0, 2).primaries()); // n equal to the members is fine
    assertEquals(List.of(), ring.preferenceList(0, 2).fallbacks());
  }

  static Ring ring(List<Member> members, String... owners) {
    return new Ring(1, owners.length, members, ids(owners));
  }

  static List<NodeId> ids(String... ids) {
    return Arrays.stream(ids).map(NodeId::of).toList();
  }
}
