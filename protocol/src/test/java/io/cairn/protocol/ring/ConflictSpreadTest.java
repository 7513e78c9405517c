package io.cairn.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * How well claim spreads replicas: a preference list "needs a skip" when the first n owners
 * clockwise from its partition are not n distinct nodes. Conflicts are a soft goal, so these
 * tests pin measured figures (reported in docs/ring.md) rather than a hard guarantee.
 */
class ConflictSpreadTest {

  private static final int N = 3;
  private final Claim claim = new Claim(N);

  @Provide
  Arbitrary<Integer> partitionCounts() {
    return RingGenerators.partitionCounts();
  }

  @Property(tries = 1000)
  void freshEqualWeightRingWithMoreThanNNodesNeedsNoSkip(
      @ForAll("partitionCounts") int q, @ForAll @IntRange(min = N + 1, max = 12) int nodes) {
    assertEquals(0, skips(claim.claim(equalNodes(nodes), q)));
  }

  @Property(tries = 1000)
  void joiningAnEqualNodeToAFreshEqualWeightRingNeedsNoSkip(
      @ForAll("partitionCounts") int q, @ForAll @IntRange(min = N + 1, max = 11) int nodes) {
    Ring before = claim.claim(equalNodes(nodes), q);
    assertEquals(0, skips(claim.claim(equalNodes(nodes + 1), before)));
  }

  /** The figures in docs/ring.md; if the algorithm changes, update both. Q = 256, N = 3. */
  @Test
  void measuredSkipsForEqualNodesOn256Partitions() {
    int q = 256;
    int[] fresh = new int[6];
    int[] joins = new int[6];
    int[] singleLeave = new int[6];
    Ring grown = claim.claim(equalNodes(3), q);
    for (int nodes = 3; nodes <= 8; nodes++) {
      Ring ring = claim.claim(equalNodes(nodes), q);
      fresh[nodes - 3] = skips(ring);
      if (nodes > 3) {
        grown = claim.claim(equalNodes(nodes), grown);
      }
      joins[nodes - 3] = skips(grown);
      // One node (the middle one) leaves a fresh ring of `nodes + 1`.
      List<Member> remaining = new ArrayList<>(equalNodes(nodes + 1));
      remaining.remove((nodes + 1) / 2);
      singleLeave[nodes - 3] = skips(claim.claim(remaining, claim.claim(equalNodes(nodes + 1), q)));
    }
    int[] shrinking = new int[6];
    Ring shrunk = claim.claim(equalNodes(8), q);
    for (int nodes = 8; nodes >= 3; nodes--) {
      List<Member> members = equalNodes(8).subList(8 - nodes, 8);
      shrunk = claim.claim(members, shrunk);
      shrinking[nodes - 3] = skips(shrunk);
    }
    // Index i is for 3 + i nodes.
    assertArrayEquals(new int[] {2, 0, 0, 0, 0, 0}, fresh, "fresh");
    assertArrayEquals(new int[] {2, 0, 0, 0, 0, 0}, joins, "joins one by one from 3");
    assertArrayEquals(new int[] {128, 75, 2, 0, 0, 0}, singleLeave, "one leaves 4..9");
    assertArrayEquals(new int[] {76, 16, 0, 0, 0, 0}, shrinking, "leaves one by one from 8");
  }

  static int skips(Ring ring) {
    int skips = 0;
    for (int p = 0; p < ring.partitionCount(); p++) {
      List<NodeId> firstOwners = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        firstOwners.add(ring.ownerOf((p + i) % ring.partitionCount()));
      }
      if (!ring.preferenceList(p, N).primaries().equals(firstOwners)) {
        skips++;
      }
    }
    return skips;
  }

  static List<Member> equalNodes(int count) {
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      members.add(Member.of(String.format("n%02d", i)));
    }
    return members;
  }
}
