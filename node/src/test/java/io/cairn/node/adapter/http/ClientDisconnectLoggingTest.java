package io.cairn.node.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.node.coordinator.LocalCluster;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Clients that hang up mid-request or send an undecodable chunk are the clients' doing: the node
 * answers what it still can (400) and logs nothing at ERROR, where one line per disconnect used to
 * bury real failures.
 */
@Timeout(60)
class ClientDisconnectLoggingTest {

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private LocalCluster cluster;
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    captured.start();
    root.addAppender(captured);
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)); // as a node runs
    LocalCluster.Node n = cluster.node("n1");
    port = new HttpApi(vertx, new HttpDeps(n.core(), n.metrics(), () -> true)).start("127.0.0.1", 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
    root.detachAppender(captured);
  }

  @Test
  void clientsHangingUpMidRequestLogNoError() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write(("PUT /v1/buckets/b/keys/k" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        if (i % 2 == 0) {
          s.setSoLinger(true, 0); // a reset rather than an orderly close
        }
      }
    }
    // a reader that goes away while a large value is being sent to it
    byte[] big = new byte[1 << 20];
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("PUT /v1/buckets/b/keys/big HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(big);
      s.getOutputStream().flush();
      s.getInputStream().read(new byte[16]); // the answer has begun
    }
    for (int i = 0; i < 10; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write("GET /v1/buckets/b/keys/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.getInputStream().read(new byte[16]);
        s.setSoLinger(true, 0);
      }
      try (Socket s = new Socket("127.0.0.1", port)) { // gone before the answer is computed
        s.getOutputStream().write("GET /v1/buckets/b/keys/big?r=3 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoLinger(true, 0);
      }
    }
    // the node has seen every hang-up once a fresh request is served after them
    await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200"));
    Thread.sleep(200); // closing events arrive on the event loops after the last response
    assertThat(errors()).isEmpty();
  }

  @Test
  void aBadChunkSizeIsA400AndNoErrorIsLogged() throws Exception {
    String response = exchange("PUT /v1/buckets/b/keys/k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "zz\r\nabc\r\n0\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("\"error\"");
    Thread.sleep(200);
    assertThat(errors()).isEmpty();
    assertThat(exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
  }

  private List<String> errors() {
    return captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
  }

  /** Sends raw bytes and reads until the node closes the connection (or 10 s pass). */
  private String exchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
        }
      } catch (SocketException | java.net.SocketTimeoutException e) {
        // what arrived before the reset or the pause is the answer
      }
      return out.toString(StandardCharsets.US_ASCII);
    }
  }
}
