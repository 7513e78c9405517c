package io.cairn.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * TicTac tree properties: equal contents ⇔ equal trees; incremental updates equal a rebuild;
 * the exchange finds exactly the differing keys, and what it compares grows with the differences,
 * not with the data.
 */
class TicTacTreeTest {

  /** A replica's content: key index → version number (a key at a version). */
  record Contents(Map<Integer, Integer> versions) {}

  @Provide
  Arbitrary<Map<Integer, Integer>> contents() {
    return Arbitraries.maps(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(1, 4)).ofMaxSize(120);
  }

  @Provide
  Arbitrary<Integer> leafCounts() {
    return Arbitraries.of(1, 2, 16, 64, 1024);
  }

  private static BucketKey key(int k) {
    return BucketKey.of(k % 3 == 0 ? "b" : "other", "k" + k);
  }

  private static long item(int k, int version) {
    return ItemHashes.item(key(k), new byte[] {(byte) version, (byte) (version >> 8)});
  }

  private static TicTacTree build(int leaves, Map<Integer, Integer> contents) {
    TicTacTree t = new TicTacTree(leaves);
    contents.forEach((k, v) -> t.add(ItemHashes.position(key(k)), item(k, v)));
    return t;
  }

  @Property(tries = 1000)
  void equalTreesExactlyWhenContentsAreEqual(
      @ForAll("contents") Map<Integer, Integer> a, @ForAll("contents") Map<Integer, Integer> b,
      @ForAll("leafCounts") int leaves) {
    assertThat(build(leaves, a).sameAs(build(leaves, b))).isEqualTo(a.equals(b));
    assertThat(build(leaves, a).root() == build(leaves, b).root()).isEqualTo(a.equals(b));
  }

  @Property(tries = 1000)
  void incrementalUpdatesEqualARebuild(
      @ForAll("contents") Map<Integer, Integer> start,
      @ForAll("contents") Map<Integer, Integer> changes,
      @ForAll("leafCounts") int leaves) {
    TicTacTree incremental = build(leaves, start);
    Map<Integer, Integer> now = new HashMap<>(start);
    changes.forEach((k, v) -> {
      long position = ItemHashes.position(key(k));
      Integer old = now.get(k);
      if (v == 4 && old != null) { // version 4 stands for "deleted and reaped"
        incremental.remove(position, item(k, old));
        now.remove(k);
      } else if (v != 4) {
        incremental.replace(position, old == null ? 0 : item(k, old), item(k, v));
        now.put(k, v);
      }
    });
    assertThat(incremental.sameAs(build(leaves, now))).isTrue();
  }

  @Property(tries = 1000)
  void theExchangeFindsExactlyTheDifferingKeys(
      @ForAll("contents") Map<Integer, Integer> a, @ForAll("contents") Map<Integer, Integer> b,
      @ForAll("leafCounts") int leaves) {
    TicTacTree ta = build(leaves, a);
    TicTacTree tb = build(leaves, b);
    Set<Integer> differing = new HashSet<>(ta.differingLeaves(tb, null));
    Map<BucketKey, Long> mine = inLeaves(a, differing, ta);
    Map<BucketKey, Long> theirs = inLeaves(b, differing, tb);
    Set<BucketKey> expected = new HashSet<>();
    Set<Integer> all = new HashSet<>(a.keySet());
    all.addAll(b.keySet());
    for (int k : all) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        expected.add(key(k));
      }
    }
    assertThat(new HashSet<>(KeyDiff.differingKeys(mine, theirs))).isEqualTo(expected);
  }

  private static Map<BucketKey, Long> inLeaves(Map<Integer, Integer> contents, Set<Integer> leaves, TicTacTree t) {
    Map<BucketKey, Long> out = new HashMap<>();
    contents.forEach((k, v) -> {
      if (leaves.contains(t.leafOf(ItemHashes.position(key(k))))) {
        out.put(key(k), item(k, v));
      }
    });
    return out;
  }

  @Example
  void comparingMovesNodesInProportionToTheDifferencesNotTheData() {
    Map<Integer, Integer> big = new HashMap<>();
    for (int k = 0; k < 20_000; k++) {
      big.put(k, 1);
    }
    TicTacTree a = build(1024, big);
    Map<Integer, Integer> changed = new HashMap<>(big);
    for (int k = 0; k < 5; k++) {
      changed.put(k * 997, 2);
    }
    TicTacTree b = build(1024, changed);
    List<Integer> visited = new ArrayList<>();
    List<Integer> leaves = a.differingLeaves(b, visited);
    assertThat(leaves).hasSizeBetween(1, 5);
    // at most 2 nodes per level per difference (plus the root): 5 × 2 × 10 + 1
    assertThat(visited.size()).isLessThanOrEqualTo(5 * 2 * a.depth() + 1);
    assertThat(a.differingLeaves(build(1024, big), new ArrayList<>())).isEmpty();
  }

  @Example
  void shapesAreChecked() {
    assertThatThrownBy(() -> new TicTacTree(3)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> new TicTacTree(8).differingLeaves(new TicTacTree(16), null)).hasMessageContaining("cannot be compared");
    assertThat(new TicTacTree(1).leafOf(-1L)).isZero();
  }

  @Example
  void aKeyFallsInTheLeafNamedByTheTopBitsOfItsPosition() {
    TicTacTree t = new TicTacTree(16);
    assertThat(t.leafCount()).isEqualTo(16);
    assertThat(t.leafOf(0L)).isZero();
    assertThat(t.leafOf(-1L)).isEqualTo(15); // all bits set: the last leaf, read unsigned
    assertThat(t.leafOf(0x3000_0000_0000_0000L)).isEqualTo(3);
    assertThat(new TicTacTree(1).leafOf(-1L)).isZero();
  }

  @Example
  void leavesNodesAndClearAreReadableAndBounded() {
    TicTacTree t = new TicTacTree(4);
    t.add(0x4000_0000_0000_0000L, 0x55L); // leaf 1
    assertThat(t.leaf(1)).isEqualTo(0x55L);
    assertThat(t.leaf(0)).isZero();
    assertThat(t.node(1)).isEqualTo(t.root()).isEqualTo(0x55L);
    assertThat(t.node(2)).isEqualTo(0x55L); // the left half holds leaves 0 and 1
    assertThat(t.node(3)).isZero();
    assertThat(t.node(7)).isZero();
    assertThatThrownBy(() -> t.node(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node 0");
    assertThatThrownBy(() -> t.node(8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node 8");
    t.clear();
    assertThat(t.root()).isZero();
    assertThat(t.leaf(1)).isZero();
  }

  @Example
  void leafCountsArePowersOfTwoUpTo2To20() {
    assertThat(new TicTacTree(1 << 20).leafCount()).isEqualTo(1 << 20);
    assertThatThrownBy(() -> new TicTacTree(1 << 21)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TicTacTree(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TicTacTree(12)).isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void itemHashesSeparateBucketFromKeyAndDependOnTheVersion() {
    BucketKey ab = BucketKey.of("ab", "c");
    BucketKey a = BucketKey.of("a", "bc");
    assertThat(ItemHashes.position(ab)).isNotEqualTo(ItemHashes.position(a));
    assertThat(ItemHashes.position(ab)).isNotEqualTo(ItemHashes.position(BucketKey.of("ab", "d")));
    byte[] v1 = ItemHashes.versionDigest(new byte[] {1});
    byte[] v2 = ItemHashes.versionDigest(new byte[] {2});
    assertThat(v1).hasSize(16).isNotEqualTo(v2);
    assertThat(ItemHashes.item(ab, v1)).isNotEqualTo(ItemHashes.item(ab, v2)).isNotEqualTo(ItemHashes.item(a, v1));
    assertThat(ItemHashes.item(ab, v1)).isEqualTo(ItemHashes.item(BucketKey.of("ab", "c"), v1.clone()));
    assertThat(ItemHashes.position(ab)).isNotZero();
  }
}
