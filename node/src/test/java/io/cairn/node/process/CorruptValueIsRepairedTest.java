package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit rot on one replica heals like a lost write: a byte flipped inside a stored value while the
 * node was stopped is never served (not by its own copy, not by an r=3 read it coordinates), is
 * counted, and the node gets the right value back from its replicas.
 */
class CorruptValueIsRepairedTest {

  private static final Pattern FAILURES = Pattern.compile("(?m)^cairn_storage_checksum_failures (\\S+)");
  private static final Pattern EPOCH = Pattern.compile("(?m)^cairn_replica_epoch (\\S+)");
  private static final String GOOD = "value-7-" + "x".repeat(64);
  private static final String ROTTEN_MARK = "y";

  @Test
  void aRottenValueIsNeverServedIsCountedAndIsRepaired(@TempDir Path dir) throws Exception {
    String config = "hints:\n  delivery-interval-ms: 0\nanti-entropy:\n  interval-ms: 200\n  leaf-count: 256\n";
    try (NodeProcesses nodes = new NodeProcesses(dir, 3, config)) {
      for (int i = 0; i < 3; i++) {
        nodes.start(i);
      }
      for (int i = 0; i < 3; i++) {
        nodes.awaitReady(i, Duration.ofSeconds(90));
      }
      for (int k = 0; k < 10; k++) {
        String value = k == 7 ? GOOD : "value-" + k;
        assertThat(nodes.send(0, HttpRequest.newBuilder(nodes.uri(0, "/v1/buckets/rot/keys/k" + k + "?w=3"))
            .PUT(HttpRequest.BodyPublishers.ofString(value))).statusCode()).isEqualTo(204);
      }

      double epochBefore = metric(nodes, 1, EPOCH);
      nodes.stop(1);
      flipOneByteOf(dir.resolve("data-n2").resolve("storage").resolve("partitions"), GOOD.getBytes(StandardCharsets.UTF_8));
      nodes.start(1);
      nodes.awaitReady(1, Duration.ofSeconds(90));

      // a dropped copy is lost data: a new actor, so no new dot claims to have seen the lost one
      assertThat(metric(nodes, 1, EPOCH)).isNotEqualTo(epochBefore);

      // at once, whether or not a repair has run yet: the rotten copy is never served
      HttpResponse<String> local = get(nodes, 1, "?local=true");
      assertThat(local.statusCode()).as("n2's own copy: missing or already repaired").isIn(200, 404);
      if (local.statusCode() == 200) {
        assertThat(local.body()).isEqualTo(GOOD);
      }
      HttpResponse<String> quorum = get(nodes, 1, "?r=3");
      assertThat(quorum.statusCode()).isEqualTo(200);
      assertThat(quorum.body()).isEqualTo(GOOD).doesNotContain(ROTTEN_MARK);

      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        HttpResponse<String> r = get(nodes, 1, "?local=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(GOOD);
      });
      assertThat(metric(nodes, 1, FAILURES)).isGreaterThan(0);
      assertThat(metric(nodes, 0, FAILURES)).isZero();
    }
  }

  /** Flips one byte in the middle of the only stored copy of {@code value} under {@code partitions}. */
  private static void flipOneByteOf(Path partitions, byte[] value) throws IOException {
    List<Path> holding = new ArrayList<>();
    try (Stream<Path> files = Files.list(partitions)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".cmap")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        int at = indexOf(bytes, value);
        if (at >= 0) {
          bytes[at + value.length / 2] ^= 0x01; // 'x' becomes 'y': still a plausible value
          Files.write(f, bytes);
          holding.add(f);
        }
      }
    }
    assertThat(holding).as("the value is stored once on the node").hasSize(1);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static HttpResponse<String> get(NodeProcesses nodes, int via, String query) throws Exception {
    return nodes.send(via, HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/rot/keys/k7" + query)).GET());
  }

  private static double metric(NodeProcesses nodes, int node, Pattern metric) throws Exception {
    Matcher m = metric.matcher(nodes.send(node, HttpRequest.newBuilder(nodes.uri(node, "/metrics")).GET()).body());
    assertThat(m.find()).as("%s on /metrics", metric).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
