package io.cairn.node.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over real loopback sockets, on three node cores. */
class HttpApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalCluster cluster;
  private Vertx vertx;
  private final Map<String, Integer> ports = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    vertx = Vertx.vertx();
    for (LocalCluster.Node n : cluster.nodes.values()) {
      HttpDeps deps = new HttpDeps(n.core(), n.metrics(), () -> true);
      int port = new HttpApi(vertx, deps).start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ports.put(n.id().value(), port);
    }
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
  }

  private HttpResponse<String> send(String node, String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String node, String path) throws Exception {
    return send(node, "GET", path, null, Map.of());
  }

  private HttpResponse<String> put(String node, String path, String body, Map<String, String> headers) throws Exception {
    return send(node, "PUT", path, body, headers);
  }

  /** Invalid UTF-8 escapes all decoded to U+FFFD, so "alias%FF" and "alias%FE" were one key. */
  @Test
  void invalidUtf8InANameIsRejectedSoDistinctNamesNeverAlias() throws Exception {
    for (String bad : List.of("alias%FF", "alias%FE", "alias%C0%AF", "alias%ED%A0%80")) {
      HttpResponse<String> r = put("n1", "/v1/buckets/b/keys/" + bad, "v", Map.of());
      assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
    }
    assertError(put("n1", "/v1/buckets/b/keys/alias%FF", "v", Map.of()), 400, "not valid UTF-8");
    assertError(get("n1", "/v1/buckets/b%FE/props"), 400, "not valid UTF-8");
    // valid escapes are names like any other: %C3%A9 is an e with an acute accent
    assertThat(put("n1", "/v1/buckets/b/keys/caf%C3%A9", "v", Map.of()).statusCode()).isEqualTo(204);
    HttpResponse<String> r = get("n2", "/v1/buckets/b/keys/caf%C3%A9");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("v");
  }

  @Test
  void anUnsupportedMethodIs405NamingTheAllowedOnesAndHeadAnswersTheProbes() throws Exception {
    HttpResponse<String> post = send("n1", "POST", "/v1/buckets/b/keys/k", "v", Map.of());
    assertError(post, 405, "not allowed");
    assertThat(post.headers().firstValue("Allow")).contains("GET, PUT, DELETE");
    assertError(send("n1", "DELETE", "/v1/cluster", null, Map.of()), 405, "allowed: GET");
    assertThat(send("n1", "HEAD", "/health", null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(send("n1", "HEAD", "/ready", null, Map.of()).statusCode()).isEqualTo(200);
    assertError(send("n1", "PATCH", "/nowhere", "x", Map.of()), 404, "no such route");
  }

  @Test
  void writeThenReadWithContextAndContentType() throws Exception {
    HttpResponse<String> w = put("n1", "/v1/buckets/users/keys/alice", "{\"age\":3}", Map.of("Content-Type", "application/json"));
    assertThat(w.statusCode()).isEqualTo(204);
    assertThat(w.headers().firstValue("X-Cairn-Context")).isPresent();
    HttpResponse<String> r = get("n2", "/v1/buckets/users/keys/alice");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"age\":3}");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(r.headers().firstValue("X-Cairn-Context")).isPresent();
  }

  @Test
  void concurrentBlindWritesAre300AndAWriteWithTheirContextCollapsesThem() throws Exception {
    put("n1", "/v1/buckets/b/keys/k?w=3", "a", Map.of());
    HttpResponse<String> second = put("n2", "/v1/buckets/b/keys/k?w=3", "b", Map.of());
    assertThat(second.statusCode()).isEqualTo(300); // the put shows the sibling it did not replace
    HttpResponse<String> r = get("n3", "/v1/buckets/b/keys/k?r=3");
    assertThat(r.statusCode()).isEqualTo(300);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("siblings")).hasSize(2);
    String ctx = body.get("context").asText();
    assertThat(r.headers().firstValue("X-Cairn-Context")).contains(ctx);
    assertThat(put("n3", "/v1/buckets/b/keys/k?w=3", "ab", Map.of("X-Cairn-Context", ctx)).statusCode()).isEqualTo(204);
    HttpResponse<String> after = get("n1", "/v1/buckets/b/keys/k?r=3");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("ab");
  }

  @Test
  void aDeleteWithContextIsA404WithContext() throws Exception {
    put("n1", "/v1/buckets/b/keys/gone?w=3", "x", Map.of());
    String ctx = get("n1", "/v1/buckets/b/keys/gone").headers().firstValue("X-Cairn-Context").orElseThrow();
    assertThat(send("n2", "DELETE", "/v1/buckets/b/keys/gone?w=3", null, Map.of("X-Cairn-Context", ctx)).statusCode()).isEqualTo(204);
    HttpResponse<String> r = get("n3", "/v1/buckets/b/keys/gone?r=3");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("X-Cairn-Context")).isPresent();
    assertThat(get("n3", "/v1/buckets/b/keys/never").statusCode()).isEqualTo(404);
  }

  /** Form content types must not make the node parse a value as a form (or fail on a GET). */
  @Test
  void aValueIsStoredByteForByteWhateverItsContentType() throws Exception {
    for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      String body = "a=b&c=d\r\n--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--x--\r\n";
      HttpResponse<String> w = put("n1", "/v1/buckets/b/keys/form?w=3", body, Map.of("Content-Type", type));
      assertThat(w.statusCode()).as(type).isEqualTo(204);
      HttpResponse<String> r = send("n2", "GET", "/v1/buckets/b/keys/form?r=3", null, Map.of("Content-Type", type));
      assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(200);
      assertThat(r.body()).as(type).isEqualTo(body);
      assertThat(r.headers().firstValue("Content-Type")).as(type).contains(type);
      String ctx = r.headers().firstValue("X-Cairn-Context").orElseThrow();
      assertThat(send("n3", "DELETE", "/v1/buckets/b/keys/form?w=3", null, Map.of("Content-Type", type, "X-Cairn-Context", ctx))
          .statusCode()).as(type).isEqualTo(204);
    }
  }

  /** A blind delete used to answer 204 while the value stayed readable. */
  @Test
  void aDeleteWithoutAContextIs428AndChangesNothing() throws Exception {
    put("n1", "/v1/buckets/b/keys/kept?w=3", "x", Map.of());
    HttpResponse<String> d = send("n2", "DELETE", "/v1/buckets/b/keys/kept?w=3", null, Map.of());
    assertThat(d.statusCode()).isEqualTo(428);
    assertThat(JSON.readTree(d.body()).get("error").asText()).contains("context");
    HttpResponse<String> r = get("n3", "/v1/buckets/b/keys/kept?r=3");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("x");
  }

  /**
   * Siblings that would outgrow storage.max-object-bytes used to be a 503 "unavailable" naming a
   * setting that does not exist; retrying never helps, resolving does.
   */
  @Test
  void siblingsThatWouldOutgrowTheObjectLimitAre409NamingTheSettingOnEveryCoordinator() throws Exception {
    for (String node : List.of("n1", "n2", "n3")) { // n=2 of 3: one node forwards to a primary
      assertThat(put(node, "/v1/buckets/big/props", "{\"n\":2,\"r\":2,\"w\":2}", Map.of()).statusCode()).isEqualTo(200);
    }
    String third = "v".repeat(400 * 1024); // three of them are more than the nodes' 1 MiB objects
    assertThat(put("n1", "/v1/buckets/big/keys/k", third, Map.of()).statusCode()).isEqualTo(204);
    assertThat(put("n2", "/v1/buckets/big/keys/k", third, Map.of()).statusCode()).isEqualTo(300);
    for (String node : List.of("n1", "n2", "n3")) { // primaries and the forwarding node alike
      HttpResponse<String> over = put(node, "/v1/buckets/big/keys/k", third, Map.of());
      assertThat(over.statusCode()).as(node + ": " + over.body()).isEqualTo(409);
      assertThat(JSON.readTree(over.body()).get("error").asText())
          .contains("storage.max-object-bytes").contains("resolve").doesNotContain("max-value-bytes");
    }
    HttpResponse<String> r = get("n3", "/v1/buckets/big/keys/k");
    assertThat(r.statusCode()).isEqualTo(300);
    String ctx = r.headers().firstValue("X-Cairn-Context").orElseThrow();
    assertThat(put("n1", "/v1/buckets/big/keys/k", "resolved", Map.of("X-Cairn-Context", ctx)).statusCode())
        .isEqualTo(204);
  }

  @Test
  void localReadsShowOneReplicaAndAreRepairedByACoordinatedRead() throws Exception {
    cluster.network.takeDown(NodeId.of("n3"));
    assertThat(put("n1", "/v1/buckets/b/keys/k?w=2", "v", Map.of()).statusCode()).isEqualTo(204);
    cluster.network.bringUp(NodeId.of("n3"));
    assertThat(get("n3", "/v1/buckets/b/keys/k?local=true").statusCode()).isEqualTo(404); // replica, but stale
    assertThat(get("n1", "/v1/buckets/b/keys/k?r=3").statusCode()).isEqualTo(200);
    await().atMost(5, TimeUnit.SECONDS).until(() -> get("n3", "/v1/buckets/b/keys/k?local=true").statusCode() == 200);
  }

  @Test
  void aLocalReadOnANodeHoldingNoCopyIs409() throws Exception {
    for (String n : List.of("n1", "n2", "n3")) {
      assertThat(put(n, "/v1/buckets/one/props", "{\"n\":1,\"r\":1,\"w\":1}", Map.of()).statusCode()).isEqualTo(200);
    }
    assertThat(put("n1", "/v1/buckets/one/keys/k", "v", Map.of()).statusCode()).isEqualTo(204);
    long holders = 0;
    long conflicts = 0;
    for (String n : List.of("n1", "n2", "n3")) {
      int status = get(n, "/v1/buckets/one/keys/k?local=true").statusCode();
      holders += status == 200 ? 1 : 0;
      conflicts += status == 409 ? 1 : 0;
    }
    assertThat(holders).isEqualTo(1);
    assertThat(conflicts).isEqualTo(2);
    assertThat(send("n1", "POST", "/v1/buckets/one/keys/k", "v", Map.of()).statusCode()).isIn(404, 405);
  }

  @Test
  void clientsThatSendGarbageOrHangUpMidRequestDoNotHarmTheNode() throws Exception {
    int port = ports.get("n1");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write("PUT /v1/buckets/b/keys/half HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc".getBytes());
      s.getOutputStream().flush();
    } // hangs up with 997 body bytes missing
    try (Socket s = new Socket("127.0.0.1", port)) {
      byte[] junk = new byte[4096];
      new Random(3).nextBytes(junk);
      s.getOutputStream().write(junk);
      s.getOutputStream().flush();
    }
    assertThat(put("n1", "/v1/buckets/b/keys/after", "ok", Map.of()).statusCode()).isEqualTo(204);
    assertThat(get("n1", "/v1/buckets/b/keys/half").statusCode()).isEqualTo(404); // nothing half-written
    assertThat(get("n1", "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void beyondTheConcurrencyLimitRequestsGet503AtOnceAndASlowWriteIsIndeterminate() throws Exception {
    LocalCluster.Node n = cluster.node("n1");
    Transport blackHole = new Transport() {
      @Override
      public CompletableFuture<WireMessage> request(
          NodeId peer, WireMessage request, Duration timeout) {
        return new CompletableFuture<>(); // replicas that never answer
      }

      @Override
      public void onRequest(RequestHandler handler) {}

      @Override
      public void close() {}
    };
    var options = cluster.options(Duration.ofMillis(1500), 1024, 1 << 16, 1, Long.MAX_VALUE);
    LocalCluster.Node slow = cluster.standalone(n.id().value(), blackHole, options);
    HttpDeps deps = new HttpDeps(slow.core(), slow.metrics(), () -> true);
    int port = new HttpApi(vertx, deps).start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ports.put("slow", port);
    var first = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/buckets/b/keys/slow"))
        .PUT(HttpRequest.BodyPublishers.ofString("v")).build(), HttpResponse.BodyHandlers.ofString());
    await().atMost(5, TimeUnit.SECONDS).until(() -> get("slow", "/v1/buckets/b/keys/other").statusCode() == 503);
    assertError(get("slow", "/v1/buckets/b/keys/other"), 503, "overloaded");
    assertThat(get("slow", "/health").statusCode()).isEqualTo(200);
    HttpResponse<String> slowWrite = first.get(10, TimeUnit.SECONDS);
    assertThat(slowWrite.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(slowWrite.body()).get("outcome").asText()).isEqualTo("indeterminate");
  }

  @Test
  void quorumImpossibleIs503NamingWhatAnswered() throws Exception {
    cluster.network.takeDown(NodeId.of("n2"));
    cluster.network.takeDown(NodeId.of("n3"));
    HttpResponse<String> w = put("n1", "/v1/buckets/b/keys/k?w=2", "v", Map.of());
    assertThat(w.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(w.body()).get("error").asText()).contains("not enough replicas");
    HttpResponse<String> r = get("n1", "/v1/buckets/b/keys/k?r=2");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("1 primaries");
  }

  @Test
  void badInputGetsAClearStatusAndReason() throws Exception {
    assertError(get("n1", "/nope"), 404, "no such route");
    assertError(get("n1", "/v1/buckets/b/keys/k?r=abc"), 400, "'r' must be an integer");
    assertError(get("n1", "/v1/buckets/b/keys/k?x=1"), 400, "unknown query parameter 'x'");
    assertError(get("n1", "/v1/buckets/b/keys/k?r=4"), 400, "r=4");
    assertError(put("n1", "/v1/buckets/b/keys/k", "v", Map.of("X-Cairn-Context", "garbage!")), 400, "malformed causal context");
    assertError(put("n1", "/v1/buckets/b/keys/k", "x".repeat((1 << 20) + 1), Map.of()), 413, "limit"); // the nodes' limits.max-value-bytes
    assertError(get("n1", "/v1/buckets/b/keys/" + "k".repeat(2000)), 413, "max-key-bytes");
    assertError(put("n1", "/v1/buckets/b/props", "{\"r\":5}", Map.of()), 400, "r=5 is more than n=3");
    assertError(put("n1", "/v1/buckets/b/props", "{\"q\":5}", Map.of()), 400, "unknown bucket property");
    assertError(put("n1", "/v1/buckets/b/props", "not json", Map.of()), 400, "not JSON");
    assertError(get("n1", "/v1/buckets/b/keys/k?local=maybe"), 400, "true or false");
  }

  @Test
  void propsClusterHealthReadyAndMetrics() throws Exception {
    HttpResponse<String> p = put("n1", "/v1/buckets/c/props", "{\"conflictMode\":\"lww\",\"w\":3}", Map.of());
    assertThat(p.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get("n1", "/v1/buckets/c/props").body()).get("conflictMode").asText()).isEqualTo("lww");
    JsonNode cluster = JSON.readTree(get("n2", "/v1/cluster").body());
    assertThat(cluster.get("members")).hasSize(3);
    assertThat(cluster.get("ringEpoch").asLong()).isEqualTo(1);
    assertThat(get("n1", "/health").statusCode()).isEqualTo(200);
    assertThat(get("n1", "/ready").statusCode()).isEqualTo(200);
    put("n1", "/v1/buckets/b/keys/m", "v", Map.of());
    get("n1", "/v1/buckets/b/keys/m");
    HttpResponse<String> m = get("n1", "/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("cairn_http_get").contains("cairn_http_put").contains("quantile=\"0.99\"");
  }

  private static void assertError(HttpResponse<String> r, int status, String reason) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains(reason);
  }
}
