package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV679 scenario with real processes: a node's data directory is wiped and the node restarted
 * under the same id. It must take a new replica epoch, be refilled by anti-entropy, and a write it
 * coordinates right after the wipe — to a key it had itself written before — must not be lost.
 */
class LostDiskProcessTest {

  private static final Pattern EPOCH = Pattern.compile("(?m)^cairn_replica_epoch (\\S+)");

  @Test
  void aWipedNodeTakesANewEpochIsRefilledAndLosesNoNewWrite(@TempDir Path dir) throws Exception {
    String config = "anti-entropy:\n  interval-ms: 100\n  leaf-count: 256\n";
    try (NodeProcesses nodes = new NodeProcesses(dir, 3, config)) {
      for (int i = 0; i < 3; i++) {
        nodes.start(i);
      }
      for (int i = 0; i < 3; i++) {
        nodes.awaitReady(i, Duration.ofSeconds(90));
      }
      for (int k = 0; k < 50; k++) {
        assertThat(put(nodes, 1, "k" + k, "v" + k, null).statusCode()).isEqualTo(204);
      }
      HttpResponse<String> first = put(nodes, 1, "kv", "before-1", null);
      put(nodes, 1, "kv", "before-2", first.headers().firstValue("X-Cairn-Context").orElseThrow());
      double epochBefore = epoch(nodes, 1);

      nodes.kill(1);
      try (Stream<Path> files = Files.walk(dir.resolve("data-n2"))) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      nodes.start(1);
      nodes.awaitReady(1, Duration.ofSeconds(90));
      assertThat(epoch(nodes, 1)).as("a new replica epoch after the wipe").isNotEqualTo(epochBefore);

      // at once, before anti-entropy refilled it: a blind write of a key it wrote before the wipe
      assertThat(put(nodes, 1, "kv", "after-wipe", null).statusCode()).isIn(204, 300);

      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        for (int k = 0; k < 50; k++) {
          HttpResponse<String> r = nodes.send(1, HttpRequest.newBuilder(nodes.uri(1, "/v1/buckets/wipe/keys/k" + k + "?local=true")).GET());
          if (r.statusCode() != 200) {
            return false;
          }
        }
        return true;
      });
      for (int via = 0; via < 3; via++) {
        // what is judged is the write surviving: a read that times out on a loaded machine (503) is
        // asked again, but the first answer with data must hold the write
        HttpResponse<String> r = nodes.send(via, HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/wipe/keys/kv?r=3")).GET());
        for (long deadline = System.nanoTime() + 30_000_000_000L; r.statusCode() == 503 && System.nanoTime() < deadline; ) {
          Thread.sleep(500);
          r = nodes.send(via, HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/wipe/keys/kv?r=3")).GET());
        }
        assertThat(r.body()).as("read via n%d", via + 1).contains(r.statusCode() == 300
            ? Base64.getEncoder().encodeToString("after-wipe".getBytes()) : "after-wipe");
      }
    }
  }

  private static HttpResponse<String> put(NodeProcesses nodes, int via, String key, String value, String context) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/wipe/keys/" + key + "?w=2"))
        .PUT(HttpRequest.BodyPublishers.ofString(value));
    if (context != null) {
      b.header("X-Cairn-Context", context);
    }
    return nodes.send(via, b);
  }

  private static double epoch(NodeProcesses nodes, int node) throws Exception {
    Matcher m = EPOCH.matcher(nodes.send(node, HttpRequest.newBuilder(nodes.uri(node, "/metrics")).GET()).body());
    assertThat(m.find()).as("cairn_replica_epoch on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
