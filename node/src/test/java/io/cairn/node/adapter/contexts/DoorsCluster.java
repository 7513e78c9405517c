package io.cairn.node.adapter.contexts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.client.CairnBinaryClient;
import io.cairn.node.adapter.http.HttpApi;
import io.cairn.node.adapter.http.HttpDeps;
import io.cairn.node.adapter.vertx.ClientPort;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Three node cores with both client doors (HTTP and the binary port) on loopback, for the context tests. */
final class DoorsCluster implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONTEXT = "X-Cairn-Context";

  final LocalCluster cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Integer> httpPorts = new HashMap<>();
  private final Map<String, Integer> binaryPorts = new HashMap<>();
  private final List<CairnBinaryClient> clients = new ArrayList<>();

  DoorsCluster() throws Exception {
    WireCodec codec = new WireCodec();
    for (LocalCluster.Node n : cluster.nodes.values()) {
      httpPorts.put(n.id().value(), new HttpApi(vertx, new HttpDeps(n.core(), n.metrics(), () -> true))
          .start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      binaryPorts.put(n.id().value(), new ClientPort(vertx, codec, new Hello(n.id(), WireCodec.VERSION, 1), 100,
          n.core().clientRequests()).start("127.0.0.1", 0).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS));
    }
  }

  /** A binary client of one node. */
  CairnBinaryClient binary(String node) {
    CairnBinaryClient c = CairnBinaryClient.builder().hosts("127.0.0.1:" + binaryPorts.get(node))
        .connectionsPerHost(1).requestTimeout(Duration.ofSeconds(10)).build();
    clients.add(c);
    return c;
  }

  HttpResponse<String> send(String node, String method, String path, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(node) + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A put over plain HTTP/1.1 (no upgrade to h2c), whose header block has its own limit. */
  HttpResponse<String> putOverHttp11(String node, String key, String value, String context)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(node)
            + "/v1/buckets/b/keys/" + key + "?w=3"))
        .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(10))
        .header(CONTEXT, context).PUT(HttpRequest.BodyPublishers.ofString(value)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String node, String key) throws IOException, InterruptedException {
    return send(node, "GET", "/v1/buckets/b/keys/" + key + "?r=3", null, Map.of());
  }

  /** A put with every replica's acknowledgement, so any node's copy shows it. */
  HttpResponse<String> put(String node, String key, String value, String context)
      throws IOException, InterruptedException {
    return send(node, "PUT", "/v1/buckets/b/keys/" + key + "?w=3", value,
        context == null ? Map.of() : Map.of(CONTEXT, context));
  }

  HttpResponse<String> delete(String node, String key, String context) throws IOException, InterruptedException {
    return send(node, "DELETE", "/v1/buckets/b/keys/" + key + "?w=3", null,
        context == null ? Map.of() : Map.of(CONTEXT, context));
  }

  static String contextOf(HttpResponse<String> r) {
    return r.headers().firstValue(CONTEXT).orElseThrow(() -> new AssertionError("no context in " + r));
  }

  /** A 400 whose JSON names {@code reason} (a code) and says {@code text}. */
  static void assertRefused(HttpResponse<String> r, String reason, String text) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("reason").asText()).as(r.body()).isEqualTo(reason);
    assertThat(body.path("error").asText()).as(r.body()).contains(text);
  }

  /** Every replica's stored vector of {@code b/key}: what a refused request must never have changed. */
  List<VersionVector> storedVectors(String key) {
    int partition = new Partitioner(cluster.ring.partitionCount()).partitionOf("b", key);
    List<VersionVector> out = new ArrayList<>();
    for (LocalCluster.Node n : cluster.nodes.values()) {
      out.add(n.store().get(partition, BucketKey.of("b", key)).context());
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    for (CairnBinaryClient c : clients) {
      c.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
  }
}
