package io.cairn.verification.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DetectionProbeTest {

  private static final Map<String, List<String>> N1_ALONE = Map.of("n1", List.of("n2", "n3"));

  private static String cluster(String self, Map<String, String> status) {
    StringBuilder members = new StringBuilder();
    status.forEach((id, s) -> members.append(members.isEmpty() ? "" : ",")
        .append("{\"id\":\"").append(id).append("\",\"status\":\"").append(s).append("\"}"));
    return "{\"node\":\"" + self + "\",\"ringEpoch\":1,\"members\":[" + members + "]}";
  }

  @Test
  void eachNodeMustSeeEveryPeerItIsCutFromInBothDirections() {
    assertThat(DetectionProbe.expectedUnreachable(N1_ALONE))
        .isEqualTo(Map.of("n1", Set.of("n2", "n3"), "n2", Set.of("n1"), "n3", Set.of("n1")));
    assertThat(DetectionProbe.unreachable(cluster("n2", Map.of("n1", "unreachable", "n2", "up", "n3", "up"))))
        .containsExactly("n1");
  }

  @Test
  void detectionCompletesWhenTheLastNodeHasNoticed() {
    Map<String, Integer> asked = new HashMap<>();
    AtomicLong now = new AtomicLong();
    DetectionProbe probe = new DetectionProbe(node -> {
      int round = asked.merge(node, 1, Integer::sum);
      now.addAndGet(50_000_000L);
      if (node.equals("n3") && round < 2) {
        return cluster(node, Map.of("n1", "up", "n2", "up", "n3", "up")); // not yet
      }
      if (node.equals("n2")) {
        throw new IllegalStateException("no answer"); // then answers next round
      }
      return node.equals("n1")
          ? cluster(node, Map.of("n1", "up", "n2", "unreachable", "n3", "unreachable"))
          : cluster(node, Map.of("n1", "unreachable", "n2", "up", "n3", "up"));
    }, now::get, now::addAndGet);

    DetectionProbe.Outcome outcome = probe.await(N1_ALONE, 0, Long.MAX_VALUE);

    assertThat(outcome.complete()).isFalse(); // n2 never answered
    assertThat(outcome.pending()).containsExactly("n2");
    assertThat(outcome.afterMs()).containsOnlyKeys("n1", "n3");
    assertThat(outcome.polls()).isEqualTo(DetectionProbe.MAX_POLLS); // the bound on the count
    assertThat(asked.get("n1")).isEqualTo(1); // a node that detected is not asked again
  }

  @Test
  void pollingStopsAtTheDeadline() {
    AtomicLong now = new AtomicLong();
    DetectionProbe probe = new DetectionProbe(node -> {
      now.addAndGet(1_000_000_000L);
      return cluster(node, Map.of("n1", "up", "n2", "up", "n3", "up"));
    }, now::get, now::addAndGet);

    DetectionProbe.Outcome outcome = probe.await(N1_ALONE, 0, 5_000_000_000L);

    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.pending()).containsExactly("n1", "n2", "n3");
    // three answers of one simulated second a round: the second round ends past the 5 s deadline
    assertThat(outcome.polls()).isEqualTo(2);
  }

  @Test
  void aCompleteDetectionRecordsEachNodesDelay() {
    AtomicLong now = new AtomicLong();
    DetectionProbe probe = new DetectionProbe(node -> {
      now.addAndGet(10_000_000L);
      return node.equals("n1")
          ? cluster(node, Map.of("n1", "up", "n2", "unreachable", "n3", "unreachable"))
          : cluster(node, Map.of("n1", "unreachable", "n2", "up", "n3", "up"));
    }, now::get, now::addAndGet);

    DetectionProbe.Outcome outcome = probe.await(N1_ALONE, 0, Long.MAX_VALUE);

    assertThat(outcome.complete()).isTrue();
    assertThat(outcome.polls()).isEqualTo(1);
    assertThat(outcome.afterMs()).isEqualTo(Map.of("n1", 10L, "n2", 20L, "n3", 30L));
  }
}
