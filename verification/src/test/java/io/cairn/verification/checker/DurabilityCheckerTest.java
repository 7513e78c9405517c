package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurabilityCheckerTest {

  private final DurabilityChecker checker = new DurabilityChecker();

  @Test
  void acknowledgedAddsBeforeKillsThatSurviveAreDurable() {
    Hist h = new Hist();
    h.add(0, 1);
    h.nemesis("kill", "n1");
    h.nemesis("start", "n1");
    h.add(0, 2);
    h.nemesis("kill", "n2");
    h.add(0, 3); // after the last kill: not this checker's concern
    h.finalRead("n1", 1L, 2L);

    DurabilityChecker.Result r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.kills()).extracting(DurabilityChecker.Kill::acknowledgedBefore).containsExactly(1, 1);
    assertThat(r.kills()).extracting(DurabilityChecker.Kill::value).containsExactly("n1", "n2");
  }

  @Test
  void anAcknowledgedAddMissingAfterAKillIsReportedForThatKill() {
    Hist h = new Hist();
    h.add(0, 1);
    h.add(0, 2);
    h.nemesis("kill", "n1");
    h.add(0, 3);
    h.nemesis("kill", "n2");
    h.finalRead("n1", 1L, 2L, 3L);
    h.finalRead("n2", 1L);

    DurabilityChecker.Result r = checker.check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.kills()).extracting(DurabilityChecker.Kill::missing)
        .containsExactly(List.of(2L), List.of(3L));
    assertThat(r.missingCount()).isEqualTo(2);
    assertThat(r.toEdn()).containsEntry("kill-count", 2).containsEntry("missing-count", 2);
  }

  @Test
  void aSupersededRegisterWriteIsExcusedButAnUnsupersededOneIsNot() {
    Hist h = new Hist();
    h.ok(h.invoke(0, "write", 1L, "key", "s"));
    h.ok(h.invoke(0, "write", 2L, "key", "s", "supersedes", Hist.set(1L)));
    h.ok(h.invoke(1, "write", 5L, "key", "s"));
    h.nemesis("kill", "n1");
    h.finalRead("n1", 2L);

    DurabilityChecker.Result r = checker.check(h.history());

    assertThat(r.kills().get(0).acknowledgedBefore()).isEqualTo(3);
    assertThat(r.kills().get(0).missing()).containsExactly(5L);
  }

  @Test
  void keysWithoutFinalReadsAreUnchecked() {
    Hist h = new Hist();
    h.add(0, 1);
    h.nemesis("kill", "n1");

    DurabilityChecker.Result r = checker.check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.uncheckedKeys()).isEqualTo(1);
  }
}
