package io.cairn.verification.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.history.History;
import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import io.cairn.verification.jepsen.nemesis.Grudge;
import io.cairn.verification.jepsen.nemesis.PartitionNemesis;
import io.cairn.verification.jepsen.workload.SetWorkload;
import io.cairn.verification.jepsen.workload.Workload;
import io.cairn.verification.jepsen.workload.Workload.CheckOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results table and results.edn carry availability, and a judged shortfall shows in the verdict. */
class ResultsTableTest {

  private long now;

  private History history(boolean majorityRefusesReads) {
    HistoryRecorder h = new HistoryRecorder(() -> now += 1_000_000L);
    Op start = h.invoke(Op.invoke(Op.NEMESIS, "start-partition", null, Map.of()));
    h.complete(start, OpType.INFO, Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")), null);
    Op detect = h.invoke(Op.invoke(Op.NEMESIS, "detected", null, Map.of()));
    h.complete(detect, OpType.INFO, List.of(List.of("n1"), List.of("n2", "n3")), Map.of("complete", true));
    for (int i = 0; i < 10; i++) {
      Op read = h.invoke(Op.invoke(0, "read", null, Map.of("workload", "set", "key", "k0", "node", "n2")));
      h.complete(read, majorityRefusesReads ? OpType.FAIL : OpType.OK, List.of(), null);
      Op add = h.invoke(Op.invoke(0, "add", (long) i, Map.of("workload", "set", "key", "k0", "node", "n1")));
      h.complete(add, OpType.FAIL, (long) i, null);
    }
    Op stop = h.invoke(Op.invoke(Op.NEMESIS, "stop-partition", null, Map.of()));
    h.complete(stop, OpType.INFO, "network healed", null);
    return h.history();
  }

  private RunResult result(boolean majorityRefusesReads) {
    Workload set = new SetWorkload("set", "b-set", List.of("k0"), "siblings", 0.2, Long.MAX_VALUE);
    Scenario scenario = new Scenario("partition-one", Map.of(set, 1),
        NemesisSchedule.cycling(new PartitionNemesis(null, Grudge::isolateOne)), Duration.ofSeconds(60),
        Duration.ofMillis(100), 1, false, true);
    AvailabilityResult a = new AvailabilityChecker(ClusterSpec.quorumNodes(), FaultRun.AVAILABILITY_TARGET,
        FaultRun.DETECTION_ALLOWANCE.toNanos()).check(history(majorityRefusesReads));
    Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
    outcomes.put("set", new CheckOutcome(true, Map.of("lost-count", 0)));
    return new RunResult(scenario, outcomes, Map.of("set", a), 100, Path.of("store"), 44);
  }

  @Test
  void availabilityIsInTheTableAndInResultsEdn() {
    RunResult r = result(false);
    String table = ResultsTable.render(List.of(r));

    // all reads answered on the majority; the lone node's adds refused, and not judged
    assertThat(table).contains("| 100.0% / 0.0% [100.0% / –] |").contains("detected after 0.0 s (median)")
        .contains("as expected");
    assertThat(r.availabilityShortfalls()).isEmpty();
    assertThat(r.toEdn()).containsEntry("availability-met?", true).containsKey("availability");
  }

  @Test
  void aShortfallOnAJudgedSideIsInTheVerdict() {
    RunResult r = result(true);

    assertThat(r.availabilityShortfalls()).singleElement().asString().startsWith("set: partition").contains("[n2, n3]");
    assertThat(ResultsTable.render(List.of(r))).contains("**set: partition");
    assertThat(r.surprises()).isEmpty(); // safety verdicts are kept apart
  }
}
