package io.cairn.node.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real node processes ({@code io.cairn.node.Main}) on loopback, for tests that kill them. */
final class NodeProcesses implements AutoCloseable {

  /** The cluster secret of every process cluster (base64 of 32 bytes). */
  static final String SECRET = "Y2Fpcm4gcHJvY2VzcyB0ZXN0IGNsdXN0ZXIgc2VjcmV0IQ==";

  final int size;
  final int[] httpPorts;
  final int[] internodePorts;
  final int[] binaryPorts;
  final Process[] processes;
  private final Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String extraYaml;
  private final String extraStorageYaml;

  NodeProcesses(Path dir, int size) throws IOException {
    this(dir, size, "hints:\n  delivery-interval-ms: 500\n");
  }

  /** With extra YAML sections appended to every node's configuration. */
  NodeProcesses(Path dir, int size, String extraYaml) throws IOException {
    this(dir, size, extraYaml, "");
  }

  /** With extra YAML sections, and extra (indented) keys of the storage section. */
  NodeProcesses(Path dir, int size, String extraYaml, String extraStorageYaml) throws IOException {
    this.dir = dir;
    this.extraYaml = extraYaml;
    this.extraStorageYaml = extraStorageYaml;
    this.size = size;
    httpPorts = new int[size];
    internodePorts = new int[size];
    binaryPorts = new int[size];
    processes = new Process[size];
    for (int i = 0; i < size; i++) {
      httpPorts[i] = freePort();
      internodePorts[i] = freePort();
      binaryPorts[i] = freePort();
    }
    for (int i = 0; i < size; i++) {
      Files.writeString(config(i), yaml(i));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Path config(int i) {
    return dir.resolve("n" + (i + 1) + ".yaml");
  }

  private String yaml(int i) {
    StringBuilder y = new StringBuilder();
    y.append("node:\n  id: n").append(i + 1).append("\n  data-dir: ").append(dir.resolve("data-n" + (i + 1))).append('\n');
    y.append("http:\n  host: 127.0.0.1\n  port: ").append(httpPorts[i]).append('\n');
    y.append("internode:\n  host: 127.0.0.1\n  port: ").append(internodePorts[i]).append('\n');
    y.append("binary:\n  host: 127.0.0.1\n  port: ").append(binaryPorts[i]).append('\n');
    // every node of one cluster shares the secret its contexts are signed with
    y.append("cluster:\n  partitions: 16\n  secret: ").append(SECRET).append("\n  members:\n");
    for (int j = 0; j < size; j++) {
      y.append("    - id: n").append(j + 1).append("\n      host: 127.0.0.1\n      internode-port: ")
          .append(internodePorts[j]).append("\n      http-port: ").append(httpPorts[j]).append('\n');
    }
    y.append("limits:\n  max-value-bytes: 65536\n");
    y.append("storage:\n  max-object-bytes: 262144\n").append(extraStorageYaml);
    y.append(extraYaml);
    y.append("timeouts:\n  request-ms: 2000\n");
    return y.toString();
  }

  void start(int i) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String flag : System.getProperty("cairn.chronicle.jvm.args", "").split(" ")) {
      if (!flag.isBlank()) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.cairn.node.Main",
        "--config", config(i).toString()));
    processes[i] = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("n" + (i + 1) + ".log").toFile())
        .start();
  }

  /** Waits until node {@code i} answers /ready, or fails after the deadline. */
  void awaitReady(int i, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!processes[i].isAlive()) {
        throw new AssertionError("node n" + (i + 1) + " exited:\n" + Files.readString(dir.resolve("n" + (i + 1) + ".log")));
      }
      try {
        if (send(i, HttpRequest.newBuilder(uri(i, "/ready")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("node n" + (i + 1) + " not ready within " + timeout);
  }

  URI uri(int i, String path) {
    return URI.create("http://127.0.0.1:" + httpPorts[i] + path);
  }

  HttpResponse<String> send(int i, HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM: the node stops cleanly (storage closed, clean-shutdown marker written). */
  void stop(int i) throws InterruptedException {
    processes[i].destroy();
    if (!processes[i].waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("node n" + (i + 1) + " did not stop within 60 s of SIGTERM");
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is closed. */
  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    processes[i].waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      if (p != null) {
        p.destroyForcibly();
        p.waitFor();
      }
    }
  }
}
