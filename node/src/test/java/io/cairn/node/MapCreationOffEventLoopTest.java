package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeConfigLoader;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Creating a partition's Chronicle map takes up to seconds (the file is allocated and zeroed): it
 * must never run on a Vert.x event loop, neither for a write this node coordinates nor for a copy
 * it receives from a peer, or every request on that loop waits behind it.
 */
class MapCreationOffEventLoopTest {

  @Test
  void partitionMapsAreCreatedOffTheEventLoops(@TempDir Path dir) throws Exception {
    Logger engineLog = (Logger) LoggerFactory.getLogger(ChronicleMapEngine.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Level before = engineLog.getLevel();
    engineLog.setLevel(Level.INFO);
    engineLog.addAppender(captured);
    int[] http = {freePort(), freePort()};
    int[] internode = {freePort(), freePort()};
    try (NodeRuntime n1 = NodeRuntime.start(config(dir, 0, http, internode), Clock.systemUTC());
        NodeRuntime n2 = NodeRuntime.start(config(dir, 1, http, internode), Clock.systemUTC())) {
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < 40; i++) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + n1.httpPort() + "/v1/buckets/b/keys/k" + i + "?w=2"))
            .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString("v" + i)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("put k%d: %s", i, r.body()).isEqualTo(204);
      }
    } finally {
      engineLog.detachAppender(captured);
      engineLog.setLevel(before);
    }
    List<ILoggingEvent> creations = captured.list.stream()
        .filter(e -> e.getFormattedMessage().contains("created map")).toList();
    // 40 keys over 16 partitions on two replicas each: many maps on both nodes
    assertThat(creations).hasSizeGreaterThan(16);
    assertThat(creations).allSatisfy(e ->
        assertThat(e.getThreadName()).as(e.getFormattedMessage()).doesNotContain("eventloop"));
  }

  private static NodeConfig config(Path dir, int i, int[] http, int[] internode) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("node:\n  id: n").append(i + 1).append("\n  data-dir: ").append(dir.resolve("n" + (i + 1))).append('\n');
    y.append("http:\n  port: ").append(http[i]).append('\n');
    y.append("internode:\n  port: ").append(internode[i]).append('\n');
    y.append("binary:\n  port: ").append(freePort()).append('\n');
    // a cluster of several nodes signs its contexts with one shared secret (base64 of 32 bytes)
    y.append("cluster:\n  partitions: 16\n  secret: c2VjcmV0LW9mLXRoZS1tYXAtY3JlYXRpb24tdGVzdHM=\n  members:\n");
    for (int j = 0; j < 2; j++) {
      y.append("    - id: n").append(j + 1).append("\n      host: 127.0.0.1\n      internode-port: ")
          .append(internode[j]).append("\n      http-port: ").append(http[j]).append('\n');
    }
    y.append("defaults:\n  n: 2\n  r: 1\n  w: 2\n");
    y.append("limits:\n  max-value-bytes: 65536\n");
    y.append("storage:\n  max-object-bytes: 262144\n  initial-entries-per-partition: 64\n  min-free-bytes: 0\n");
    y.append("hints:\n  expected-hints: 64\n");
    Path file = dir.resolve("n" + (i + 1) + ".yaml");
    Files.writeString(file, y.toString());
    return new NodeConfigLoader().load(Optional.of(file), Map.of(), Map.of());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
