package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's mapping of answers to values and exceptions, against a scripted HTTP server. */
class CairnClientTest {
  private HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final AtomicReference<HttpExchange> lastRequest = new AtomicReference<>();
  private CairnClient client;

  record Answer(int status, String body, String... headers) {
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      lastRequest.set(exchange);
      exchange.getRequestBody().readAllBytes();
      Answer a = answer.get();
      for (int i = 0; i + 1 < a.headers().length; i += 2) {
        exchange.getResponseHeaders().add(a.headers()[i], a.headers()[i + 1]);
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), a.status() == 204 ? -1 : body.length);
      if (a.status() != 204) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    client = new CairnClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void oneValueCarriesItsContextAndTimestamp() {
    answer.set(new Answer(200, "hello", "Content-Type", "text/plain", "X-Cairn-Context", "ctx1",
        "X-Cairn-Timestamp", "42"));
    Fetched f = client.get("b", "k");
    assertThat(f.siblings()).containsExactly(new Value("hello".getBytes(StandardCharsets.UTF_8), "text/plain", 42));
    assertThat(f.context()).contains("ctx1");
  }

  @Test
  void siblingsAreDecodedFromTheJsonAnswer() {
    answer.set(new Answer(300, "{\"context\":\"c2\",\"siblings\":[{\"value\":\"YQ==\",\"contentType\":\"text/plain\",\"timestamp\":1},"
        + "{\"value\":\"Yg==\",\"contentType\":\"text/plain\",\"timestamp\":2}]}"));
    Fetched f = client.get("b", "k");
    assertThat(f.siblings()).extracting(Value::asString).containsExactly("a", "b");
    assertThat(f.context()).contains("c2");
    assertThat(f.hasSiblings()).isTrue();
  }

  @Test
  void notFoundIsAnEmptyReadThatMayStillHaveAContext() {
    answer.set(new Answer(404, "{\"error\":\"not found\"}", "X-Cairn-Context", "tomb"));
    Fetched f = client.get("b", "k");
    assertThat(f.found()).isFalse();
    assertThat(f.context()).contains("tomb");
  }

  @Test
  void writeSendsContextAndReturnsTheNewOne() {
    answer.set(new Answer(204, "", "X-Cairn-Context", "after", "X-Cairn-Request-Id", "r1"));
    Written w = client.put("b", "k w", new byte[] {1}, "text/plain", "before");
    assertThat(w.context()).contains("after");
    assertThat(w.requestId()).contains("r1");
    assertThat(lastRequest.get().getRequestHeaders().getFirst("X-Cairn-Context")).isEqualTo("before");
    assertThat(lastRequest.get().getRequestURI().getRawPath()).isEqualTo("/v1/buckets/b/keys/k%20w");
  }

  @Test
  void indeterminateWriteIsNeverReportedAsNotApplied() {
    answer.set(new Answer(503, "{\"error\":\"indeterminate: 1 of 2\",\"outcome\":\"indeterminate\"}"));
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, null))
        .isInstanceOf(IndeterminateException.class).hasMessageContaining("1 of 2");
  }

  @Test
  void failedAndOverloadedAreNotApplied() {
    answer.set(new Answer(503, "{\"error\":\"unavailable: 0 of 2\",\"outcome\":\"failed\"}"));
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, null)).isInstanceOf(NotAppliedException.class);
    answer.set(new Answer(503, "{\"error\":\"overloaded: more than 1024 requests in flight\"}"));
    assertThatThrownBy(() -> client.get("b", "k")).isInstanceOf(NotAppliedException.class)
        .hasMessageContaining("overloaded");
  }

  @Test
  void insufficientStorageIsNotAppliedAndTyped() {
    answer.set(new Answer(507, "{\"error\":\"insufficient storage: /data/n1/storage has 1024 bytes free, 268436480"
        + " needed\",\"outcome\":\"failed\",\"path\":\"/data/n1/storage\",\"freeBytes\":1024}"));
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, null))
        .isInstanceOfSatisfying(InsufficientStorageException.class, e -> assertThat(e.status()).isEqualTo(507))
        .isInstanceOf(NotAppliedException.class)
        .hasMessageContaining("/data/n1/storage has 1024 bytes free");
  }

  @Test
  void clientErrorsCarryTheNodesReason() {
    answer.set(new Answer(400, "{\"error\":\"malformed context\"}"));
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, "junk"))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("malformed context")
        .satisfies(e -> assertThat(((CairnException) e).status()).isEqualTo(400));
  }

  @Test
  void refusedConnectionIsNotApplied() {
    server.stop(0);
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, null)).isInstanceOf(NotAppliedException.class);
  }

  @Test
  void noAnswerInTimeIsIndeterminate() {
    server.removeContext("/");
    server.createContext("/", exchange -> {
      try {
        Thread.sleep(5000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    assertThatThrownBy(() -> client.put("b", "k", new byte[] {1}, null, null)).isInstanceOf(IndeterminateException.class);
  }
}
