package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.checker.AvailabilityResult.Side;
import io.cairn.verification.checker.AvailabilityResult.Tally;
import io.cairn.verification.checker.AvailabilityResult.Window;
import io.cairn.verification.history.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityCheckerTest {

  /** {n1, n2} | {n3, n4, n5}, as the partition nemesis records it. */
  private static final Map<String, Object> HALVES = Map.of(
      "n1", List.of("n3", "n4", "n5"), "n2", List.of("n3", "n4", "n5"),
      "n3", List.of("n1", "n2"), "n4", List.of("n1", "n2"), "n5", List.of("n1", "n2"));
  private static final List<List<String>> HALVES_SIDES = List.of(List.of("n1", "n2"), List.of("n3", "n4", "n5"));
  /** n1 alone. */
  private static final Map<String, Object> ONE = Map.of(
      "n1", List.of("n2", "n3", "n4", "n5"), "n2", List.of("n1"), "n3", List.of("n1"),
      "n4", List.of("n1"), "n5", List.of("n1"));

  /** The suite's parameters; the allowance (used only without a :detected op) is 5 ms here. */
  private final AvailabilityChecker checker = new AvailabilityChecker(2, 0.95, 5_000_000L);

  private static void read(Hist h, String node, boolean ok) {
    Op op = h.invoke(0, "read", null, "key", "k", "node", node);
    if (ok) {
      h.ok(op, Hist.set());
    } else {
      h.fail(op);
    }
  }

  private static void write(Hist h, String f, String node, boolean ok) {
    Op op = h.invoke(0, f, 1L, "key", "k", "node", node);
    if (ok) {
      h.ok(op);
    } else {
      h.fail(op);
    }
  }

  @Test
  void everySideAnsweringMeetsTheTarget() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES);
    h.nemesis("detected", HALVES_SIDES);
    for (int i = 0; i < 20; i++) {
      read(h, "n1", true);
      write(h, "add", "n4", true);
    }
    read(h, "n2", false); // 1 of 21 reads on {n1, n2} refused: 95.2 %
    h.nemesis("stop-partition", "network healed");

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.windows()).hasSize(1);
    Window w = r.windows().get(0);
    assertThat(w.kind()).isEqualTo("partition");
    assertThat(w.measured()).isTrue();
    assertThat(w.sides()).extracting(Side::nodes).containsExactlyElementsOf(HALVES_SIDES);
    assertThat(w.sides()).allMatch(Side::judged);
    assertThat(w.sides().get(0).reads()).isEqualTo(new Tally(20, 21));
    assertThat(w.sides().get(1).writes()).isEqualTo(new Tally(20, 20));
    assertThat(r.during().reads()).isEqualTo(new Tally(20, 21));
    assertThat(r.during().writes()).isEqualTo(new Tally(20, 20));
    assertThat(r.shortfalls()).isEmpty();
    assertThat(r.toEdn()).containsEntry("valid?", true).containsKey("windows");
  }

  /** The negative control: a majority that refuses reads is not available, however safe. */
  @Test
  void aMajoritySideRefusingReadsIsInvalid() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES);
    h.nemesis("detected", HALVES_SIDES);
    for (int i = 0; i < 10; i++) {
      read(h, "n3", false);
      write(h, "write", "n5", true);
      read(h, "n1", true);
      write(h, "delete", "n2", true);
    }
    h.nemesis("stop-partition", "network healed");

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    Side majority = r.windows().get(0).sides().get(1);
    assertThat(majority.nodes()).containsExactly("n3", "n4", "n5");
    assertThat(majority.reads()).isEqualTo(new Tally(0, 10));
    assertThat(majority.writes()).isEqualTo(new Tally(10, 10));
    assertThat(r.shortfalls()).singleElement().asString().contains("[n3, n4, n5]").contains("reads 0/10");
    assertThat(r.toEdn()).containsEntry("valid?", false);
  }

  @Test
  void opsBeforeDetectionAndAfterTheHealAreNotCounted() {
    Hist h = new Hist();
    read(h, "n3", false); // before the fault
    h.nemesis("start-partition", HALVES);
    for (int i = 0; i < 5; i++) {
      read(h, "n3", false); // the cluster has not noticed yet
      write(h, "add", "n3", false);
    }
    h.nemesis("detected", HALVES_SIDES);
    read(h, "n3", true);
    write(h, "add", "n3", true);
    h.nemesis("stop-partition", "network healed");
    read(h, "n3", false); // after the heal

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    Side majority = r.windows().get(0).sides().get(1);
    assertThat(majority.reads()).isEqualTo(new Tally(1, 1));
    assertThat(majority.writes()).isEqualTo(new Tally(1, 1));
  }

  @Test
  void withoutADetectionOpTheAllowanceStartsTheWindow() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES); // in place at 2 ms: counting from 7 ms
    read(h, "n3", false); // invoked at 3 ms
    read(h, "n3", false); // 5 ms
    read(h, "n3", true); // 7 ms
    read(h, "n3", true); // 9 ms

    AvailabilityResult r = checker.check(h.history());

    Window w = r.windows().get(0);
    assertThat(w.measured()).isFalse();
    assertThat(w.countFrom() - w.start()).isEqualTo(5_000_000L);
    assertThat(w.sides().get(1).reads()).isEqualTo(new Tally(2, 2));
    assertThat(r.valid()).isTrue();
  }

  @Test
  void aLoneNodeIsReportedNotJudged() {
    Hist h = new Hist();
    h.nemesis("start-partition", ONE);
    h.nemesis("detected", List.of(List.of("n1"), List.of("n2", "n3", "n4", "n5")));
    for (int i = 0; i < 5; i++) {
      read(h, "n1", false);
      write(h, "add", "n1", false);
      read(h, "n2", true);
    }
    h.nemesis("stop-partition", "network healed");

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    Side lone = r.windows().get(0).sides().get(0);
    assertThat(lone.nodes()).containsExactly("n1");
    assertThat(lone.judged()).isFalse();
    assertThat(lone.reads()).isEqualTo(new Tally(0, 5));
    assertThat(lone.medianRefusalMs()).isEqualTo(1); // each refusal took 1 ms here
    assertThat(r.judged().reads()).isEqualTo(new Tally(5, 5));
    assertThat(r.during().reads()).isEqualTo(new Tally(5, 10));
  }

  @Test
  void infoAndUnfinishedOpsAreNotAcknowledged() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES);
    h.nemesis("detected", HALVES_SIDES);
    for (int i = 0; i < 18; i++) {
      write(h, "add", "n3", true);
    }
    h.info(h.invoke(1, "add", 2L, "key", "k", "node", "n4"));
    h.invoke(2, "write", 3L, "key", "k", "node", "n5"); // never completes

    AvailabilityResult r = checker.check(h.history());

    Side majority = r.windows().get(0).sides().get(1);
    assertThat(majority.writes()).isEqualTo(new Tally(18, 20));
    assertThat(r.valid()).isFalse(); // 90 %
  }

  @Test
  void finalReadsAndLocalReadsAreNotCounted() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES);
    h.nemesis("detected", HALVES_SIDES);
    read(h, "n3", true);
    h.fail(h.invoke(100, "read", null, "key", "k", "node", "n3", "final", true));
    h.fail(h.invoke(100, "local-read", null, "key", "k", "node", "n3", "final", true));

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.during().reads()).isEqualTo(new Tally(1, 1));
    assertThat(r.valid()).isTrue();
  }

  @Test
  void partitionSidesAreConnectedComponents() {
    List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
    assertThat(AvailabilityChecker.components(Map.of(), nodes)).containsExactly(nodes);
    assertThat(AvailabilityChecker.components(Map.of("n1", List.of("n2", "n3", "n4", "n5"),
        "n2", List.of("n1"), "n3", List.of("n1"), "n4", List.of("n1"), "n5", List.of("n1")), nodes))
        .containsExactly(List.of("n1"), List.of("n2", "n3", "n4", "n5"));
    // a bridge (n3 hears both halves) and a one-way cut leave one component; a two-way cut does not
    assertThat(AvailabilityChecker.components(Map.of("n1", List.of("n4", "n5"), "n2", List.of("n4", "n5"),
        "n4", List.of("n1", "n2"), "n5", List.of("n1", "n2")), nodes)).hasSize(1);
    assertThat(AvailabilityChecker.components(Map.of("n1", List.of("n2")), List.of("n1", "n2")))
        .containsExactly(List.of("n1"), List.of("n2"));
  }

  @Test
  void killsAreReportedPerSideButNotJudged() {
    Hist h = new Hist();
    read(h, "n1", true);
    read(h, "n2", true);
    h.nemesis("kill", List.of("n1"));
    for (int i = 0; i < 5; i++) {
      read(h, "n1", false);
      read(h, "n2", false);
    }
    h.nemesis("start", List.of("n1", "n2"));

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    Window w = r.windows().get(0);
    assertThat(w.kind()).isEqualTo("kill");
    assertThat(w.sides()).extracting(Side::nodes).containsExactly(List.of("n1"), List.of("n2"));
    assertThat(w.sides()).noneMatch(Side::judged);
    // the kill is in place at 6 ms, so counting starts at 11 ms: the last four rounds of reads
    assertThat(w.sides().get(0).reads()).isEqualTo(new Tally(0, 4));
    assertThat(r.byKind()).containsKey("kill");
  }

  @Test
  void aWindowOverlappingAnotherFaultIsNotCalm() {
    Hist h = new Hist();
    h.nemesis("start-partition", HALVES, "components", HALVES_SIDES);
    h.nemesis("detected", HALVES_SIDES);
    h.nemesis("network", "lossy", "calm", false);
    h.nemesis("network", "calm", "calm", true);
    h.nemesis("start-partition", ONE); // ends the first partition
    for (int i = 0; i < 5; i++) {
      read(h, "n3", true);
    }
    h.nemesis("heal", "everything");

    AvailabilityResult r = checker.check(h.history());

    assertThat(r.windows()).extracting(Window::kind).containsExactly("partition", "network", "partition");
    assertThat(r.windows()).extracting(Window::calm).containsExactly(false, false, true);
    assertThat(r.windows().get(0).sides()).extracting(Side::nodes).containsExactlyElementsOf(HALVES_SIDES);
    assertThat(r.windows().get(2).end()).isLessThan(Long.MAX_VALUE);
    // one op counts once in the totals even where windows overlap
    assertThat(r.during().reads().total()).isEqualTo(r.windows().stream().mapToLong(w -> w.counts().reads().total()).sum());
  }
}
