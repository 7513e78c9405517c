package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes and reads of one bucket of a {@link NodeProcesses} cluster over its HTTP API. */
final class KeyValueHttp {

  private static final Pattern EPOCH = Pattern.compile("(?m)^cairn_replica_epoch (\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeProcesses nodes;
  private final String bucket;

  KeyValueHttp(NodeProcesses nodes, String bucket) {
    this.nodes = nodes;
    this.bucket = bucket;
  }

  /**
   * A write through node {@code via} waiting for {@code w} acknowledgements; asserts it was
   * acknowledged (204, or 300 when concurrent values were there) and returns the new context.
   * {@code context} null is a blind write.
   */
  String put(int via, String key, String value, String context, int w) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/" + bucket + "/keys/" + key + "?w=" + w))
        .PUT(HttpRequest.BodyPublishers.ofString(value));
    if (context != null) {
      b.header("X-Cairn-Context", context);
    }
    HttpResponse<String> r = nodes.send(via, b);
    assertThat(r.statusCode()).as("write of %s=%s via n%d: %s", key, value, via + 1, r.body()).isIn(204, 300);
    return r.headers().firstValue("X-Cairn-Context").orElseThrow();
  }

  /**
   * The values of {@code key} read through node {@code via} from all three replicas ({@code r=3}).
   * A read that times out on a loaded machine (503) is asked again: what is judged is which values
   * survived, not how fast.
   */
  List<String> readAll(int via, String key) throws Exception {
    HttpRequest.Builder get = HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/" + bucket + "/keys/" + key + "?r=3")).GET();
    HttpResponse<String> r = nodes.send(via, get);
    for (long deadline = System.nanoTime() + 30_000_000_000L; r.statusCode() == 503 && System.nanoTime() < deadline; ) {
      Thread.sleep(500);
      r = nodes.send(via, get);
    }
    List<String> values = new ArrayList<>();
    if (r.statusCode() == 200) {
      values.add(r.body());
    } else if (r.statusCode() == 300) {
      for (JsonNode sibling : JSON.readTree(r.body()).get("siblings")) {
        values.add(new String(Base64.getDecoder().decode(sibling.get("value").asText()), StandardCharsets.UTF_8));
      }
    } else {
      throw new AssertionError("read of " + key + " via n" + (via + 1) + " answered " + r.statusCode() + ": " + r.body());
    }
    return values;
  }

  /** The replica epoch node {@code node} reports on /metrics. */
  double epoch(int node) throws Exception {
    Matcher m = EPOCH.matcher(nodes.send(node, HttpRequest.newBuilder(nodes.uri(node, "/metrics")).GET()).body());
    assertThat(m.find()).as("cairn_replica_epoch on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
