package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiblingRegisterCheckerTest {

  private final SiblingRegisterChecker checker = new SiblingRegisterChecker();

  private static Op write(Hist h, int process, long value, Long... supersedes) {
    return h.invoke(process, "write", value, "key", "r", "supersedes", Hist.set(supersedes));
  }

  private static void read(Hist h, Long... siblings) {
    h.ok(h.invoke(9, "read", null, "key", "r"), Hist.set(siblings));
  }

  private static void finalRead(Hist h, String node, Long... siblings) {
    h.ok(h.invoke(10, "read", null, "key", "r", "final", true, "node", node), Hist.set(siblings));
  }

  private static Op delete(Hist h, int process, long id, Long... supersedes) {
    return h.invoke(process, "delete", id, "key", "r", "supersedes", Hist.set(supersedes));
  }

  @Test
  void aDeletedValueThatStaysGoneIsValidAndNotLost() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    read(h, 1L);
    h.ok(delete(h, 0, 2, 1L));
    finalRead(h, "n1");
    finalRead(h, "n2");

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.lost()).isEmpty();
  }

  @Test
  void aDeletedValueComingBackIsResurrected() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    read(h, 1L);
    h.ok(delete(h, 0, 2, 1L));
    finalRead(h, "n1", 1L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.resurrected()).isEqualTo(Map.of("r", List.of(1L)));
  }

  @Test
  void aDeletesIdReadBackAsAValueIsAPhantom() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.ok(delete(h, 0, 2, 1L));
    read(h, 2L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.phantom()).isEqualTo(Map.of("r", List.of(2L)));
  }

  @Test
  void concurrentSiblingsThenAResolvingWriteIsValid() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.ok(write(h, 1, 2));
    read(h, 1L, 2L);
    h.ok(write(h, 0, 3, 1L, 2L));
    finalRead(h, "n1", 3L);
    finalRead(h, "n2", 3L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.maxSiblings()).isEqualTo(2);
    assertThat(r.writerProcesses()).isEqualTo(2);
    assertThat(r.toEdn()).containsEntry("valid?", true).containsEntry("final-read-count", 2);
  }

  @Test
  void anOkWriteMissingFromAFinalReadAndNotSupersededIsLost() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.ok(write(h, 1, 2));
    finalRead(h, "n1", 1L, 2L);
    finalRead(h, "n2", 1L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.lost()).isEqualTo(Map.of("r", List.of(2L)));
  }

  @Test
  void aWriteSupersededByAnIndeterminateWriteMayBeGone() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.info(write(h, 1, 2, 1L));
    write(h, 2, 3, 2L); // never completes: supersedes 2, and so 1 transitively
    finalRead(h, "n1", 3L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.lost()).isEmpty();
    assertThat(r.valid()).isTrue();
  }

  @Test
  void aWriteSupersededOnlyByAFailedWriteIsLostWhenMissing() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.fail(write(h, 1, 2, 1L));
    finalRead(h, "n1");

    assertThat(checker.check(h.history()).lost()).isEqualTo(Map.of("r", List.of(1L)));
  }

  @Test
  void aTransitivelySupersededValueInAFinalReadIsResurrected() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.ok(write(h, 0, 2, 1L));
    h.ok(write(h, 0, 3, 2L));
    finalRead(h, "n1", 3L);
    finalRead(h, "n2", 1L, 3L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.resurrected()).isEqualTo(Map.of("r", List.of(1L)));
    // The same read also holds 1 beside 3, which supersedes it.
    assertThat(r.falseSiblingReadCount()).isEqualTo(1);
  }

  @Test
  void aValueNoWriteInvokedIsAPhantom() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    read(h, 1L, 42L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.phantom()).isEqualTo(Map.of("r", List.of(42L)));
  }

  @Test
  void siblingsThatSupersedeEachOtherAreFalseSiblings() {
    // What plain version vectors do: the resolving write comes back beside what it replaced.
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    read(h, 1L);
    h.ok(write(h, 1, 2, 1L));
    h.ok(write(h, 0, 4));
    read(h, 1L, 2L, 4L);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.falseSiblingReadCount()).isEqualTo(1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> examples =
        (List<Map<String, Object>>) ((Map<String, Object>) r.toEdn().get("false-siblings")).get("r");
    assertThat(examples).hasSize(1);
    assertThat(examples.get(0)).containsEntry("siblings", Set.of(1L, 2L, 4L))
        .containsEntry("superseded", Set.of(1L));
  }

  @Test
  void transitiveSupersessionMakesFalseSiblingsToo() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    h.ok(write(h, 0, 2, 1L));
    h.ok(write(h, 0, 3, 2L));
    read(h, 1L, 3L);

    assertThat(checker.check(h.history()).falseSiblingReadCount()).isEqualTo(1);
  }

  @Test
  void withoutFinalReadsLostIsNotJudged() {
    Hist h = new Hist();
    h.ok(write(h, 0, 1));
    read(h);

    SiblingRegisterResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.toEdn()).containsEntry("final-read-count", 0);
  }

  @Test
  void aLongChainOfWritesIsCheckedWithoutQuadraticWork() {
    // Each write supersedes the previous one and every read returns two concurrent siblings.
    List<Op> ops = new ArrayList<>();
    long index = 0;
    for (long v = 0; v < 25_000; v++) {
      Set<Long> supersedes = v == 0 ? Set.of() : Set.of(v - 1);
      Map<String, Object> extra = Map.of("key", "r", "supersedes", supersedes);
      ops.add(new Op(index, index++, OpType.INVOKE, 0, "write", v, extra));
      ops.add(new Op(index, index++, OpType.OK, 0, "write", v, extra));
      ops.add(new Op(index, index++, OpType.INVOKE, 1, "read", null, Map.of("key", "r")));
      ops.add(new Op(index, index++, OpType.OK, 1, "read", Set.of(v), Map.of("key", "r")));
    }
    SiblingRegisterResult r = checker.check(new History(ops));

    assertThat(r.valid()).isTrue();
    assertThat(r.keys().get("r").writeCount()).isEqualTo(25_000);
  }
}
