package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceCheckerTest {

  private static void localRead(Hist h, String key, String node, Object value) {
    h.ok(h.invoke(0, "local-read", null, "key", key, "node", node), value);
  }

  @Test
  void identicalReplicasHaveConverged() {
    Hist h = new Hist();
    localRead(h, "a", "n1", Hist.set(1L, 2L));
    localRead(h, "a", "n2", List.of(2L, 1L));
    localRead(h, "b", "n1", "digest-x");
    localRead(h, "b", "n2", "digest-x");

    ConvergenceChecker.Result r = new ConvergenceChecker(1500L).check(h.history());

    assertThat(r.valid()).isTrue();
    assertThat(r.keyCount()).isEqualTo(2);
    assertThat(r.toEdn()).containsEntry("converged-count", 2).containsEntry("converged-after-ms", 1500L);
  }

  @Test
  void differingReplicasAreDivergentWithEachNodesValue() {
    Hist h = new Hist();
    localRead(h, "a", "n1", Hist.set(1L, 2L));
    localRead(h, "a", "n2", Hist.set(1L));
    localRead(h, "b", "n1", Hist.set(3L));
    localRead(h, "b", "n2", Hist.set(3L));
    h.fail(h.invoke(0, "local-read", null, "key", "b", "node", "n3"));

    ConvergenceChecker.Result r = new ConvergenceChecker().check(h.history());

    assertThat(r.valid()).isFalse();
    assertThat(r.divergent()).isEqualTo(Map.of("a", Map.of("n1", List.of(1L, 2L), "n2", List.of(1L))));
    assertThat(r.failedReads()).isEqualTo(1);
    assertThat(r.toEdn()).containsEntry("divergent-count", 1).containsEntry("converged-after-ms", null);
  }
}
