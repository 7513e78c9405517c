package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real node processes with hinted handoff turned off: a node that missed writes while it was down
 * gets every one of them from anti-entropy alone, checked on its own replica with {@code ?local=true}
 * (no coordinated read touches those keys, so read repair plays no part).
 */
class AntiEntropyProcessTest {

  @Test
  void aReturningNodeIsRefilledByAntiEntropyAlone(@TempDir Path dir) throws Exception {
    String config = "hints:\n  delivery-interval-ms: 0\nanti-entropy:\n  interval-ms: 100\n  leaf-count: 256\n";
    try (NodeProcesses nodes = new NodeProcesses(dir, 3, config)) {
      for (int i = 0; i < 3; i++) {
        nodes.start(i);
      }
      for (int i = 0; i < 3; i++) {
        nodes.awaitReady(i, Duration.ofSeconds(90));
      }
      nodes.kill(2);
      for (int k = 0; k < 100; k++) {
        HttpResponse<String> r = nodes.send(k % 2, HttpRequest.newBuilder(nodes.uri(k % 2, "/v1/buckets/ae/keys/k" + k + "?w=2"))
            .PUT(HttpRequest.BodyPublishers.ofString("v" + k)));
        assertThat(r.statusCode()).as("write k%d", k).isEqualTo(204);
      }
      nodes.start(2);
      nodes.awaitReady(2, Duration.ofSeconds(90));
      long started = System.nanoTime();
      // 16 partitions, each exchanged with each peer in turn every 100 ms: well within 60 s
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        for (int k = 0; k < 100; k++) {
          HttpResponse<String> r = nodes.send(2, HttpRequest.newBuilder(nodes.uri(2, "/v1/buckets/ae/keys/k" + k + "?local=true")).GET());
          if (r.statusCode() != 200 || !r.body().equals("v" + k)) {
            return false;
          }
        }
        return true;
      });
      System.out.printf("anti-entropy refilled 100 keys in %.1f s%n", (System.nanoTime() - started) / 1e9);
      HttpResponse<String> metrics = nodes.send(0, HttpRequest.newBuilder(nodes.uri(0, "/metrics")).GET());
      assertThat(metrics.body()).contains("cairn_antientropy_exchanges");
    }
  }
}
