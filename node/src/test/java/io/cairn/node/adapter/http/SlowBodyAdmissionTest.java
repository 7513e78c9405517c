package io.cairn.node.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests whose bodies arrive slowly (or never) must not lock the data API: they hold no
 * admission slot while their bodies arrive, they are answered 408 after the read timeout, and
 * {@code /ready} says 503 while admission really is saturated.
 */
@Timeout(60)
class SlowBodyAdmissionTest {

  private static final int MAX_IN_FLIGHT = 8;
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private LocalCluster cluster;
  private Vertx vertx;

  @BeforeEach
  void start() {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2), 64, MAX_IN_FLIGHT);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
  }

  private int serve(LocalCluster.Node n) throws Exception {
    HttpLimits limits = new HttpLimits(256, Duration.ofSeconds(30), READ_TIMEOUT, 64L << 20);
    return new HttpApi(vertx, new HttpDeps(n.core(), n.metrics(), () -> true, limits)).start("127.0.0.1", 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void slowBodiesHoldNoAdmissionSlotAndAre408AfterTheReadTimeout() throws Exception {
    int port = serve(cluster.node("n1"));
    for (int i = 0; i < 3 * MAX_IN_FLIGHT; i++) {
      Socket s = new Socket("127.0.0.1", port);
      sockets.add(s);
      s.getOutputStream().write(("PUT /v1/buckets/b/keys/slow" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
          .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
    }
    // while all of them are stuck in their bodies, normal traffic is served
    HttpResponse<String> put = send(port, "PUT", "/v1/buckets/b/keys/normal", "v");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    HttpResponse<String> get = send(port, "GET", "/v1/buckets/b/keys/normal", null);
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("v");
    assertThat(send(port, "GET", "/ready", null).statusCode()).isEqualTo(200);
    // and each slow one is told so once the read timeout has passed, then disconnected
    long start = System.nanoTime();
    for (Socket s : sockets) {
      String answer = readAll(s);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("http.request-read-timeout-ms");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READ_TIMEOUT.multipliedBy(4));
    assertThat(cluster.node("n1").metrics().counter("cairn.http.requests.timed-out").getCount())
        .isGreaterThanOrEqualTo(3 * MAX_IN_FLIGHT);
    // nothing half-sent was written
    assertThat(send(port, "GET", "/v1/buckets/b/keys/slow0", null).statusCode()).isEqualTo(404);
  }

  @Test
  void readyIs503WithAReasonWhileAdmissionIsSaturatedAndHealthStays200() throws Exception {
    Transport blackHole = new Transport() {
      @Override
      public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
        return new CompletableFuture<>(); // replicas that never answer
      }

      @Override
      public void onRequest(RequestHandler handler) {}

      @Override
      public void close() {}
    };
    var options = cluster.options(Duration.ofSeconds(3), 1024, 1 << 16, 2, Long.MAX_VALUE);
    int port = serve(cluster.standalone("n1", blackHole, options));
    assertThat(send(port, "GET", "/ready", null).statusCode()).isEqualTo(200);
    List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      stuck.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/buckets/b/keys/k" + i))
          .PUT(HttpRequest.BodyPublishers.ofString("v")).build(), HttpResponse.BodyHandlers.ofString()));
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> send(port, "GET", "/ready", null).statusCode() == 503);
    HttpResponse<String> ready = send(port, "GET", "/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(ready.body()).get("reason").asText()).contains("overloaded").contains("http.max-concurrent-requests");
    assertThat(send(port, "HEAD", "/ready", null).statusCode()).isEqualTo(503);
    assertThat(send(port, "GET", "/health", null).statusCode()).isEqualTo(200);
    for (var f : stuck) {
      f.get(10, TimeUnit.SECONDS); // the coordinator's timeout answers them
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> send(port, "GET", "/ready", null).statusCode() == 200);
  }

  private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the node sends until it closes the connection. */
  private static String readAll(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
    } catch (java.net.SocketException e) {
      // a reset after the answer: the answer is what counts
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
