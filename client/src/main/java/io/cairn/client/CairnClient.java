package io.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of one node's HTTP API (any node coordinates any request). Thread-safe.
 *
 * <p>Outcomes map to what the caller may assume: a returned value means success; {@link
 * NotAppliedException} means the operation did not happen; {@link IndeterminateException} means a
 * write may have happened. A request that times out on the client side after being sent is
 * indeterminate for writes; for reads it is reported the same way, and callers that only read may
 * treat it as a failure.
 */
public final class CairnClient implements KeyValueClient {
  public static final String CONTEXT_HEADER = "X-Cairn-Context";
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Duration requestTimeout;

  /**
   * @param base           the node's HTTP address, e.g. {@code http://127.0.0.1:8101}
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long to wait for an answer; keep it above the server's own
   *                       request timeout so the server can report its outcome first
   */
  public CairnClient(URI base, Duration connectTimeout, Duration requestTimeout) {
    this.base = base;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
  }

  public static CairnClient of(String baseUrl) {
    return new CairnClient(URI.create(baseUrl), Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  public URI base() {
    return base;
  }

  @Override
  public Fetched get(String bucket, String key, ReadOptions options) {
    StringBuilder query = new StringBuilder();
    param(query, "r", options.r());
    param(query, "pr", options.pr());
    param(query, "timeout", options.timeoutMs());
    if (options.local()) {
      query.append(query.isEmpty() ? "" : "&").append("local=true");
    }
    HttpResponse<byte[]> response = send(request(keyPath(bucket, key), query).GET().build());
    int status = response.statusCode();
    Optional<String> context = response.headers().firstValue(CONTEXT_HEADER);
    Optional<String> node = response.headers().firstValue("X-Cairn-Node");
    return switch (status) {
      case 200 -> new Fetched(List.of(valueOf(response)), context, node);
      case 300 -> siblings(response.body(), node);
      case 404 -> new Fetched(List.of(), context, node);
      default -> throw failure(response);
    };
  }

  @Override
  public Written put(String bucket, String key, byte[] value, String contentType, String context,
            WriteOptions options) {
    HttpRequest.Builder builder = request(keyPath(bucket, key), writeQuery(options))
        .header("Content-Type", contentType == null ? DEFAULT_CONTENT_TYPE : contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(value));
    return written(send(withContext(builder, context).build()));
  }

  @Override
  public Written delete(String bucket, String key, String context, WriteOptions options) {
    HttpRequest.Builder builder = request(keyPath(bucket, key), writeQuery(options)).DELETE();
    return written(send(withContext(builder, context).build()));
  }

  /** Sets bucket properties on this node (n, r, w, conflictMode); returns the resulting props. */
  public Map<String, Object> setProps(String bucket, Map<String, Object> props) {
    try {
      HttpRequest request = request("/v1/buckets/" + encode(bucket) + "/props", new StringBuilder())
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(props)))
          .build();
      HttpResponse<byte[]> response = send(request);
      if (response.statusCode() != 200) {
        throw failure(response);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> result = JSON.readValue(response.body(), Map.class);
      return result;
    } catch (IOException e) {
      throw new RequestRejectedException(0, "bad props: " + e.getMessage());
    }
  }

  /** True when the node answers {@code /ready} with 200. */
  public boolean ready() {
    try {
      return send(request("/ready", new StringBuilder()).GET().build()).statusCode() == 200;
    } catch (CairnException e) {
      return false;
    }
  }

  private Written written(HttpResponse<byte[]> response) {
    Optional<String> requestId = response.headers().firstValue("X-Cairn-Request-Id");
    return switch (response.statusCode()) {
      case 200, 201, 204 -> new Written(response.headers().firstValue(CONTEXT_HEADER), List.of(), requestId);
      case 300 -> {
        Fetched concurrent = siblings(response.body(), Optional.empty());
        yield new Written(concurrent.context(), concurrent.siblings(), requestId);
      }
      default -> throw failure(response);
    };
  }

  private static Value valueOf(HttpResponse<byte[]> response) {
    String type = response.headers().firstValue("Content-Type").orElse(DEFAULT_CONTENT_TYPE);
    long ts = response.headers().firstValue("X-Cairn-Timestamp").map(Long::parseLong).orElse(0L);
    return new Value(response.body(), type, ts);
  }

  private static Fetched siblings(byte[] body, Optional<String> node) {
    try {
      JsonNode tree = JSON.readTree(body);
      List<Value> values = new ArrayList<>();
      for (JsonNode s : tree.path("siblings")) {
        values.add(new Value(Base64.getDecoder().decode(s.path("value").asText()),
            s.path("contentType").asText(DEFAULT_CONTENT_TYPE), s.path("timestamp").asLong()));
      }
      String context = tree.path("context").asText(null);
      return new Fetched(values, Optional.ofNullable(context), node);
    } catch (IOException | IllegalArgumentException e) {
      throw new IndeterminateException(300, "unreadable siblings answer: " + e.getMessage(), e);
    }
  }

  /** Maps a non-success answer to the exception that says what the caller may assume. */
  private static CairnException failure(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String error = new String(response.body(), StandardCharsets.UTF_8);
    String outcome = "";
    try {
      JsonNode tree = JSON.readTree(response.body());
      error = tree.path("error").asText(error);
      outcome = tree.path("outcome").asText("");
    } catch (IOException ignored) {
      // not JSON: keep the raw body as the reason
    }
    return Outcomes.of(status, outcome, error);
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new NotAppliedException(0, "cannot connect to " + base + ": " + e, e);
    } catch (HttpTimeoutException e) {
      throw new IndeterminateException(0, "no answer from " + base + " within " + requestTimeout.toMillis() + " ms", e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw new NotAppliedException(0, "cannot connect to " + base + ": " + e.getCause(), e);
      }
      throw new IndeterminateException(0, "connection to " + base + " failed mid-request: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndeterminateException(0, "interrupted", e);
    }
  }

  private HttpRequest.Builder request(String path, StringBuilder query) {
    String uri = base + path + (query.isEmpty() ? "" : "?" + query);
    return HttpRequest.newBuilder(URI.create(uri)).timeout(requestTimeout);
  }

  private static HttpRequest.Builder withContext(HttpRequest.Builder builder, String context) {
    return context == null ? builder : builder.header(CONTEXT_HEADER, context);
  }

  private static StringBuilder writeQuery(WriteOptions options) {
    StringBuilder query = new StringBuilder();
    param(query, "w", options.w());
    param(query, "pw", options.pw());
    param(query, "timeout", options.timeoutMs());
    return query;
  }

  private static void param(StringBuilder query, String name, int value) {
    if (value > 0) {
      query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value);
    }
  }

  private static String keyPath(String bucket, String key) {
    return "/v1/buckets/" + encode(bucket) + "/keys/" + encode(key);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
