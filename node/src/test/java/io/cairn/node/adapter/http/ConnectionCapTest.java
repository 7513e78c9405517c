package io.cairn.node.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.node.adapter.metrics.DropwizardMetrics;
import io.cairn.node.adapter.vertx.ClientPort;
import io.cairn.node.adapter.vertx.ClientPortOptions;
import io.cairn.node.adapter.vertx.TransportOptions;
import io.cairn.node.adapter.vertx.VertxTransport;
import io.cairn.node.config.LimitsConfig;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every port caps its connections with a clear refusal, keeps serving the connections it has, and
 * closes idle ones, so that idle or surplus connections cannot use up the node's descriptors.
 */
@Timeout(60)
class ConnectionCapTest {

  private static final int CAP = 4;
  private static final Duration IDLE = Duration.ofMillis(1500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireCodec codec = new WireCodec();
  private final List<Socket> sockets = new ArrayList<>();
  private final MetricRegistry registry = new MetricRegistry();
  private LocalCluster cluster;
  private Vertx vertx;

  @BeforeEach
  void start() {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
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

  @Test
  void httpConnectionsBeyondTheCapGet503AndIdleOnesAreClosed() throws Exception {
    LocalCluster.Node n = cluster.node("n1");
    HttpApi api = new HttpApi(vertx, new HttpDeps(n.core(), n.metrics(), () -> true,
        new HttpLimits(CAP, IDLE, Duration.ofSeconds(10), 64L << 20)));
    int port = api.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (int i = 0; i < CAP; i++) {
      sockets.add(open(port));
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> api.connectionCount() == CAP);

    try (Socket extra = open(port)) {
      String refused = exchange(extra, "GET /v1/buckets/b/keys/k HTTP/1.1\r\nHost: x\r\n\r\n", true);
      assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
      assertThat(JSON.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4)).get("error").asText())
          .contains("http.max-connections");
    }
    assertThat(n.metrics().counter("cairn.http.connections.refused").getCount()).isEqualTo(1);

    // the connections within the cap are served as usual, again and again
    Socket first = sockets.get(0);
    for (int i = 0; i < 2; i++) {
      assertThat(exchange(first, "GET /v1/buckets/b/keys/k HTTP/1.1\r\nHost: x\r\n\r\n", false)).startsWith("HTTP/1.1 404");
    }
    // the silent ones are closed after the idle timeout, freeing their slots
    long start = System.nanoTime();
    for (Socket s : sockets.subList(1, CAP)) {
      assertThat(closedWithin(s, IDLE.multipliedBy(4))).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.dividedBy(2));
    await().atMost(10, TimeUnit.SECONDS).until(() -> api.connectionCount() <= 1);
    try (Socket again = open(port)) {
      assertThat(exchange(again, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", true)).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void binaryClientsBeyondTheCapGetAnOverloadedErrorAndIdleOnesAreClosed() throws Exception {
    int frame = new LimitsConfig(1024, 1 << 20).clientFrameBytes();
    ClientPort port = new ClientPort(vertx, codec, new Hello(NodeId.of("n1"), WireCodec.VERSION, 1),
        new ClientPortOptions(100, frame, CAP, IDLE, Duration.ofSeconds(30), 64L << 20),
        cluster.node("n1").core().clientRequests(), new DropwizardMetrics(registry), System::nanoTime);
    int p = port.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    byte[] hello = codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "test")));
    for (int i = 0; i < CAP; i++) {
      Socket s = open(p);
      sockets.add(s);
      s.getOutputStream().write(hello);
      assertThat(readFrame(s).message()).isInstanceOf(Hello.class);
    }
    try (Socket extra = open(p)) {
      Envelope refusal = readFrame(extra);
      assertThat(refusal.correlationId()).isZero();
      assertThat(refusal.message()).isInstanceOfSatisfying(ClientError.class, e -> {
        assertThat(e.kind()).isEqualTo(ClientError.Kind.OVERLOADED);
        assertThat(e.detail()).contains("binary.max-connections");
      });
      assertThat(closedWithin(extra, Duration.ofSeconds(5))).isTrue();
    }
    assertThat(registry.counter("cairn.binary.connections.refused").getCount()).isEqualTo(1);
    for (Socket s : sockets) {
      assertThat(closedWithin(s, IDLE.multipliedBy(4))).isTrue();
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> port.connectionCount() == 0);
  }

  @Test
  void internodeConnectionsBeyondTheCapAreClosed() throws Exception {
    VertxTransport a = new VertxTransport(vertx, NodeId.of("a"), 1, id -> Optional.empty(), codec,
        TransportOptions.defaults().withInboundBounds(CAP, Duration.ofSeconds(30), 256L << 20),
        new DropwizardMetrics(registry), System::nanoTime);
    try {
      int p = a.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      byte[] hello = codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("x"), WireCodec.VERSION, 1)));
      for (int i = 0; i < CAP; i++) {
        Socket s = open(p);
        sockets.add(s);
        s.getOutputStream().write(hello);
        assertThat(readFrame(s).message()).isInstanceOf(Hello.class);
      }
      try (Socket extra = open(p)) {
        extra.getOutputStream().write(hello);
        assertThat(closedWithin(extra, Duration.ofSeconds(5))).isTrue();
      }
      assertThat(registry.counter("cairn.internode.connections.refused").getCount()).isEqualTo(1);
      assertThat(a.inboundConnectionCount()).isEqualTo(CAP);
    } finally {
      a.close();
    }
  }

  private Socket open(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends a request and reads its answer: until the close when {@code toClose}, else one response. */
  private static String exchange(Socket s, String request, boolean toClose) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (true) {
      int n = in.read(buf);
      if (n < 0) {
        return out.toString(StandardCharsets.US_ASCII);
      }
      out.write(buf, 0, n);
      String text = out.toString(StandardCharsets.US_ASCII);
      int head = text.indexOf("\r\n\r\n");
      if (!toClose && head >= 0) {
        String lower = text.toLowerCase();
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf("\r\n", at)).trim());
        if (text.length() >= head + 4 + length) {
          return text;
        }
      }
    }
  }

  private Envelope readFrame(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] frame = new byte[in.readInt()];
    in.readFully(frame);
    return codec.decodeFrame(frame, 0, frame.length);
  }

  private static boolean closedWithin(Socket s, Duration bound) {
    try {
      s.setSoTimeout((int) bound.toMillis());
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // drain
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    } catch (IOException e) {
      return true;
    }
  }
}
