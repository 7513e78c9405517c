package io.cairn.protocol.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The object model on top of DVVSet: tombstones, and the two conflict modes. */
class StoredObjectTest {

  private static final Actor N1 = Actor.of("n1", 0);
  private static final Actor N2 = Actor.of("n2", 0);

  private static Sibling value(String text, long timestamp) {
    return Sibling.of(text.getBytes(StandardCharsets.UTF_8), "text/plain", timestamp);
  }

  /** Two replicas each receive a batch of blind writes with random timestamps. */
  record Writes(List<Long> atN1, List<Long> atN2) {}

  @Provide
  Arbitrary<Writes> writes() {
    Arbitrary<List<Long>> ts = Arbitraries.longs().between(0, 20).list().ofMaxSize(6);
    return Combinators.combine(ts, ts).as(Writes::new);
  }

  private static StoredObject apply(Actor actor, List<Long> timestamps, ConflictMode mode) {
    StoredObject o = StoredObject.empty();
    int i = 0;
    for (long t : timestamps) {
      o = o.write(actor, VersionVector.empty(), value(actor + "-" + i++, t), mode);
    }
    return o;
  }

  @Property(tries = 1000)
  void siblingsModeKeepsEveryConcurrentBlindWrite(@ForAll("writes") Writes w) {
    StoredObject a = apply(N1, w.atN1(), ConflictMode.SIBLINGS);
    StoredObject b = apply(N2, w.atN2(), ConflictMode.SIBLINGS);
    StoredObject merged = a.merge(b, ConflictMode.SIBLINGS);
    assertThat(merged.siblingCount()).isEqualTo(w.atN1().size() + w.atN2().size());
    assertThat(merged).isEqualTo(b.merge(a, ConflictMode.SIBLINGS));
  }

  @Property(tries = 1000)
  void lwwKeepsOnlyTheNewestAndAllReplicasAgreeWhichOne(@ForAll("writes") Writes w) {
    StoredObject a = apply(N1, w.atN1(), ConflictMode.LWW);
    StoredObject b = apply(N2, w.atN2(), ConflictMode.LWW);
    StoredObject ab = a.merge(b, ConflictMode.LWW);
    StoredObject ba = b.merge(a, ConflictMode.LWW);
    assertThat(ab).isEqualTo(ba);
    List<Long> all = new ArrayList<>(w.atN1());
    all.addAll(w.atN2());
    if (all.isEmpty()) {
      assertThat(ab.isEmpty()).isTrue();
    } else {
      assertThat(ab.siblingCount()).isEqualTo(1);
      assertThat(ab.siblings().get(0).timestamp()).isEqualTo(all.stream().max(Long::compare).get());
      // the losers stay dropped when merged again with a replica that still holds them
      assertThat(ab.merge(a, ConflictMode.LWW)).isEqualTo(ab);
    }
  }

  @Example
  void aDeleteWithTheReadContextLeavesATombstone() {
    StoredObject o = StoredObject.empty().write(N1, VersionVector.empty(), value("v", 1), ConflictMode.SIBLINGS);
    StoredObject deleted = o.write(N1, o.context(), Sibling.tombstone(2), ConflictMode.SIBLINGS);
    assertThat(deleted.isDeleted()).isTrue();
    assertThat(deleted.isEmpty()).isFalse();
    assertThat(deleted.liveSiblings()).isEmpty();
    // an old copy arriving late cannot bring the value back
    assertThat(deleted.merge(o, ConflictMode.SIBLINGS).isDeleted()).isTrue();
  }

  @Example
  void aDeleteConcurrentWithAWriteKeepsTheWrite() {
    StoredObject o = StoredObject.empty().write(N1, VersionVector.empty(), value("v1", 1), ConflictMode.SIBLINGS);
    StoredObject deleted = o.write(N1, o.context(), Sibling.tombstone(2), ConflictMode.SIBLINGS);
    StoredObject updated = o.write(N2, o.context(), value("v2", 3), ConflictMode.SIBLINGS);
    StoredObject merged = deleted.merge(updated, ConflictMode.SIBLINGS);
    assertThat(merged.isDeleted()).isFalse();
    assertThat(merged.liveSiblings()).containsExactly(value("v2", 3));
    assertThat(merged.siblingCount()).isEqualTo(2);
  }

  @Example
  void siblingsAreImmutableValues() {
    byte[] bytes = {1, 2, 3};
    Sibling s = Sibling.of(bytes, "application/octet-stream", 5);
    bytes[0] = 9;
    assertThat(s.value()).containsExactly(1, 2, 3);
    s.value()[1] = 9;
    assertThat(s.value()).containsExactly(1, 2, 3);
    assertThat(s).isEqualTo(Sibling.of(new byte[] {1, 2, 3}, "application/octet-stream", 5));
    assertThatThrownBy(() -> new Sibling(new byte[] {1}, "x", 0, true))
        .hasMessageContaining("tombstone carries no value");
  }

  @Example
  void bucketKeysHaveClearLimits() {
    assertThatThrownBy(() -> BucketKey.of("", "k")).hasMessageContaining("bucket name must not be empty");
    assertThatThrownBy(() -> BucketKey.of("b", "")).hasMessageContaining("key must not be empty");
    assertThatThrownBy(() -> BucketKey.of("b".repeat(256), "k")).hasMessageContaining("at most 255");
    assertThatThrownBy(() -> BucketKey.of("b", "k".repeat(2000)).checkKeySize(1024))
        .hasMessageContaining("accepts at most 1024");
  }

  @Example
  void countsAndSizesCoverLiveValuesAndTombstones() {
    StoredObject one = StoredObject.empty().write(N1, VersionVector.empty(), value("abc", 1), ConflictMode.SIBLINGS);
    StoredObject two = one.write(N2, VersionVector.empty(), value("de", 2), ConflictMode.SIBLINGS);
    StoredObject withDelete = two.write(N1, VersionVector.empty(), Sibling.tombstone(3), ConflictMode.SIBLINGS);
    assertThat(two.liveSiblingCount()).isEqualTo(2);
    assertThat(two.valueBytes()).isEqualTo(5);
    assertThat(withDelete.siblingCount()).isEqualTo(3);
    assertThat(withDelete.liveSiblingCount()).isEqualTo(2);
    assertThat(withDelete.valueBytes()).isEqualTo(5);
  }

  @Example
  void contextOnlyKeepsTheHistoryAndNoValue() {
    StoredObject o = StoredObject.empty().write(N1, VersionVector.empty(), value("v", 1), ConflictMode.SIBLINGS);
    StoredObject bare = o.contextOnly();
    assertThat(bare.context()).isEqualTo(o.context());
    assertThat(bare.siblings()).isEmpty();
    assertThat(bare.contextOnly()).isEqualTo(bare);
    assertThat(bare).isNotEqualTo(o);
    assertThat(o).isEqualTo(StoredObject.of(o.versions())).hasSameHashCodeAs(StoredObject.of(o.versions()));
    assertThat(o.toString()).startsWith("StoredObject").contains(o.context().toString());
  }
}
