package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.history.EdnReader;
import io.cairn.verification.history.EdnWriter;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SetFullCheckerTest {

  private final SetFullChecker checker = new SetFullChecker();

  @Test
  void everyAcknowledgedElementReadStablyIsValid() {
    Hist h = new Hist();
    h.add(0, 1);
    h.add(1, 2);
    h.read(2, 1L, 2L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.attemptCount()).isEqualTo(2);
    assertThat(r.acknowledgedCount()).isEqualTo(2);
    assertThat(r.stableCount()).isEqualTo(2);
    assertThat(r.lostCount()).isZero();
    assertThat(r.staleCount()).isZero();
    assertThat(r.toEdn()).containsEntry("valid?", true)
        .containsEntry("stable-latencies", Map.of(0L, 0L, 0.5, 0L, 0.95, 0L, 0.99, 0L, 1L, 0L));
  }

  @Test
  void anElementMissingFromTheLastReadIsLostEvenIfSeenBefore() {
    Hist h = new Hist();
    h.add(0, 1);
    h.add(0, 2);
    h.read(1, 1L, 2L);
    h.read(1, 1L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.lost()).isEqualTo(Map.of("s", List.of(2L)));
    assertThat(r.stableCount()).isEqualTo(1);
    // Lost 1 ms after the last read that saw it was invoked (known at 4 ms, that read at 5 ms).
    assertThat(r.keys().get("s").lostLatencies()).containsExactly(1L);
  }

  @Test
  void anElementMissedThenSeenIsStaleNotLost() {
    Hist h = new Hist();
    h.add(0, 1);     // ok at 2 ms
    h.read(1);       // invoked at 3 ms, misses 1
    h.read(1, 1L);   // sees it

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.stale()).isEqualTo(Map.of("s", List.of(1L)));
    assertThat(r.staleCount()).isEqualTo(1);
    assertThat(r.keys().get("s").staleLatencies()).containsExactly(1L);
    assertThat(r.stableCount()).isEqualTo(1);
  }

  @Test
  void aReadConcurrentWithTheAddThatMissesItIsNotStaleness() {
    Hist h = new Hist();
    Op read = h.invoke(1, "read", null, "key", "s");
    h.add(0, 1);
    h.ok(read, Hist.set());
    h.read(1, 1L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.staleCount()).isZero();
    assertThat(r.stableCount()).isEqualTo(1);
  }

  @Test
  void anElementWithNoReadAfterItWasKnownIsNeverRead() {
    Hist h = new Hist();
    h.add(0, 1);
    h.read(1, 1L);
    h.add(0, 2);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.neverRead()).isEqualTo(Map.of("s", List.of(2L)));
    assertThat(r.neverReadCount()).isEqualTo(1);
  }

  @Test
  void anElementNoAddWasInvokedForIsUnexpected() {
    Hist h = new Hist();
    h.add(0, 1);
    h.read(1, 1L, 99L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.unexpected()).isEqualTo(Map.of("s", List.of(99L)));
    assertThat(r.unexpectedCount()).isEqualTo(1);
    assertThat(r.lostCount()).isZero();
  }

  @Test
  void indeterminateAndFailedAddsMayBeAbsentOrPresent() {
    Hist h = new Hist();
    h.info(h.invoke(0, "add", 1L, "key", "s"));
    h.fail(h.invoke(1, "add", 2L, "key", "s"));
    h.info(h.invoke(2, "add", 3L, "key", "s"));
    h.invoke(3, "add", 4L, "key", "s"); // never completes
    h.read(4, 1L, 2L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.attemptCount()).isEqualTo(4);
    assertThat(r.acknowledgedCount()).isZero();
    assertThat(r.stableCount()).isEqualTo(2);
    assertThat(r.neverRead()).isEqualTo(Map.of("s", List.of(3L, 4L)));
  }

  @Test
  void anUnacknowledgedElementSeenAndThenGoneIsLost() {
    Hist h = new Hist();
    h.info(h.invoke(0, "add", 1L, "key", "s"));
    h.read(1, 1L);
    h.read(1);

    assertThat(checker.check(h.history()).lost()).isEqualTo(Map.of("s", List.of(1L)));
  }

  @Test
  void withFinalReadsEveryNodeMustHoldTheElementAndMissesAreCountedPerNode() {
    Hist h = new Hist();
    h.add(0, 1);
    h.add(0, 2);
    h.finalRead("n1", 1L);
    h.finalRead("n2", 1L, 2L);
    h.finalRead("n3", 1L);

    SetFullResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.lost()).isEqualTo(Map.of("s", List.of(2L)));
    assertThat(r.finalReadMisses()).isEqualTo(Map.of("n1", 1L, "n3", 1L));
    assertThat(r.stableCount()).isEqualTo(1);
  }

  @Test
  void checksEachKeyIndependently() {
    Hist h = new Hist();
    h.ok(h.invoke(0, "add", 1L, "key", "a"));
    h.ok(h.invoke(0, "add", 1L, "key", "b"));
    h.ok(h.invoke(1, "read", null, "key", "a"), Hist.set(1L));
    h.ok(h.invoke(1, "read", null, "key", "b"), Hist.set());

    SetFullResult r = checker.check(h.history());

    assertThat(r.keys()).containsOnlyKeys("a", "b");
    assertThat(r.keys().get("a").valid()).isTrue();
    assertThat(r.lost()).isEqualTo(Map.of("b", List.of(1L)));
    assertThat(r.valid()).isFalse();
  }

  @Test
  void resultsAreDeterministicAndWriteAsEdn() {
    Hist h = new Hist();
    for (long e = 10; e > 0; e--) {
      h.add((int) e, e);
    }
    h.read(0, 1L, 3L, 5L, 7L, 9L);
    History history = h.history();

    String first = EdnWriter.write(checker.check(history).toEdn());
    String second = EdnWriter.write(checker.check(new History(history.ops())).toEdn());

    assertThat(first).isEqualTo(second).contains(":valid? false").contains(":lost {:s [2 4 6 8 10]}");
    assertThat(EdnReader.read(first)).isInstanceOf(Map.class);
  }

  @Test
  void survivalGivesTheRiakExperimentFigures() {
    Hist h = new Hist();
    h.add(0, 1);
    h.add(0, 2);
    h.add(0, 3);
    h.info(h.invoke(1, "add", 4L, "key", "s"));
    h.fail(h.invoke(1, "add", 5L, "key", "s"));
    h.finalRead("n1", 1L, 4L);
    h.finalRead("n2", 1L, 2L, 4L);

    SetSurvivalResult r = checker.survival(h.history());

    assertThat(r.total()).isEqualTo(5);
    assertThat(r.acknowledged()).isEqualTo(3);
    assertThat(r.survivors()).isEqualTo(2);
    assertThat(r.acknowledgedLost()).isEqualTo(2);
    assertThat(r.unacknowledgedSurvived()).isEqualTo(1);
    assertThat(r.ackLossRate()).isEqualTo(2.0 / 3);
    assertThat(r.lostElements()).isEqualTo(Map.of("s", List.of(2L, 3L)));
    assertThat(r.valid()).isFalse();
    assertThat(r.lines()).containsExactly(
        "5 total", "3 acknowledged", "2 survivors",
        "2 acknowledged writes lost! (╯°□°）╯︵ ┻━┻",
        "1 unacknowledged writes found! ヽ(´ー｀)ノ",
        "0.6666667 ack loss rate");
  }

  @Test
  void survivalWithoutFinalReadsUsesTheLastRead() {
    Hist h = new Hist();
    h.add(0, 1);
    h.read(1);
    h.read(1, 1L);

    SetSurvivalResult r = checker.survival(h.history());

    assertThat(r.survivors()).isEqualTo(1);
    assertThat(r.valid()).isTrue();
  }

  @Test
  void aLargeHistoryIsCheckedWithoutQuadraticWork() {
    // 50,000 adds and 50,000 reads of a growing set would be 2.5e9 steps if each read visited
    // every element; reads here return a bounded window so the history itself stays small.
    List<Op> ops = new ArrayList<>();
    long index = 0;
    for (long e = 0; e < 50_000; e++) {
      ops.add(new Op(index, index, OpType.INVOKE, 0, "add", e, Map.of("key", "s")));
      index++;
      ops.add(new Op(index, index, OpType.OK, 0, "add", e, Map.of("key", "s")));
      index++;
    }
    for (long r = 0; r < 25_000; r++) {
      Set<Long> seen = new TreeSet<>();
      for (long e = Math.max(0, 2 * r - 5); e <= 2 * r + 1; e++) {
        seen.add(e);
      }
      ops.add(new Op(index, index, OpType.INVOKE, 1, "read", null, Map.of("key", "s")));
      index++;
      ops.add(new Op(index, index, OpType.OK, 1, "read", seen, Map.of("key", "s")));
      index++;
    }

    SetFullResult r = checker.check(new History(ops));

    assertThat(r.attemptCount()).isEqualTo(50_000);
    assertThat(r.stableCount()).isEqualTo(7);
    assertThat(r.lostCount()).isEqualTo(50_000 - 7);
  }
}
