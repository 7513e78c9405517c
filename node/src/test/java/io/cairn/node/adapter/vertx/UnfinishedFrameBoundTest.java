package io.cairn.node.adapter.vertx;

import static io.cairn.node.adapter.vertx.TransportFixture.HOST;
import static io.cairn.node.adapter.vertx.TransportFixture.TIMEOUT;
import static io.cairn.node.adapter.vertx.TransportFixture.beat;
import static io.cairn.node.adapter.vertx.TransportFixture.echo;
import static io.cairn.node.adapter.vertx.TransportFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.cairn.client.CairnBinaryClient;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.node.adapter.metrics.DropwizardMetrics;
import io.cairn.node.config.LimitsConfig;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that each send most of a large frame and stop must not exhaust the heap: the bytes
 * in unfinished frames stay within the port's budget (connections beyond it are closed), an
 * unfinished frame is timed out, a stranger that has not said hello cannot start a large frame at
 * all, and normal traffic carries on.
 */
@Timeout(60)
class UnfinishedFrameBoundTest {

  private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(1);
  private static final int ATTACKERS = 8;

  private final WireCodec codec = new WireCodec();
  private final List<Socket> sockets = new ArrayList<>();
  private final MetricRegistry registry = new MetricRegistry();
  private LocalCluster cluster;
  private Vertx vertx;
  private TransportFixture fx;

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (fx != null) {
      fx.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void unfinishedClientFramesStayWithinTheBudgetAndTimeOut() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    vertx = Vertx.vertx();
    int frame = new LimitsConfig(1024, 1 << 20).clientFrameBytes(); // the cluster's nodes' limits
    long budget = 3L * frame;
    ClientPort port = new ClientPort(vertx, codec, new Hello(NodeId.of("n1"), WireCodec.VERSION, 1),
        new ClientPortOptions(100, frame, 1024, Duration.ofSeconds(60), FRAME_TIMEOUT, budget),
        cluster.node("n1").core().clientRequests(), new DropwizardMetrics(registry), System::nanoTime);
    int p = port.start(HOST, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    byte[] hello = codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "attacker")));
    long maxSeen = attack(p, hello, frame - 100, 900 * 1024, port::bufferedBytes,
        registry.counter("cairn.binary.frames.over-budget"));
    assertThat(maxSeen).isPositive().isLessThanOrEqualTo(budget);

    // the rest are timed out: every attacker is disconnected and the budget is whole again
    long closed = sockets.stream().filter(UnfinishedFrameBoundTest::closedByPeer).count();
    assertThat(closed).isEqualTo(ATTACKERS);
    await().atMost(5, TimeUnit.SECONDS).until(() -> port.bufferedBytes() == 0 && port.connectionCount() == 0);
    assertThat(registry.counter("cairn.binary.frames.timed-out").getCount()).isGreaterThanOrEqualTo(1);
    assertThat(registry.counter("cairn.binary.frames.over-budget").getCount()
        + registry.counter("cairn.binary.frames.timed-out").getCount()).isGreaterThanOrEqualTo(ATTACKERS);

    // before its hello a stranger cannot even begin a large frame
    try (Socket s = new Socket(HOST, p)) {
      s.getOutputStream().write(ByteBuffer.allocate(4 + 1024).putInt(frame - 100).array());
      assertThat(closedByPeer(s)).isTrue();
    }
    assertThat(port.bufferedBytes()).isZero();

    // and a real client is served throughout
    try (CairnBinaryClient client = CairnBinaryClient.builder().hosts(HOST + ":" + p)
        .requestTimeout(Duration.ofSeconds(10)).build()) {
      client.put("b", "k", "ok".getBytes(StandardCharsets.UTF_8), null, null, WriteOptions.DEFAULT);
      assertThat(client.get("b", "k").siblings()).extracting(Value::asString).containsExactly("ok");
    }
  }

  @Test
  void unfinishedInternodeFramesStayWithinTheBudgetAndTimeOut() throws Exception {
    fx = new TransportFixture();
    int frame = 2 << 20;
    long budget = 5L << 20; // two unfinished frames of nearly 2 MiB fit, not three
    TransportOptions options = TransportOptions.defaults().withMaxFrameBytes(frame)
        .withInboundBounds(64, FRAME_TIMEOUT, budget);
    VertxTransport a = new VertxTransport(fx.newVertx(), NodeId.of("a"), 1,
        n -> Optional.ofNullable(fx.addresses.get(n)), codec, options, new DropwizardMetrics(registry), System::nanoTime);
    int p = a.start(HOST, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    fx.addresses.put(NodeId.of("a"), new InetSocketAddress(HOST, p));
    a.onRequest(echo("a"));
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());

    byte[] hello = codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("x"), WireCodec.VERSION, 1)));
    long maxSeen = attack(p, hello, frame - 100, frame - 200 * 1024, a::inboundBufferedBytes,
        registry.counter("cairn.internode.frames.over-budget"));
    assertThat(maxSeen).isPositive().isLessThanOrEqualTo(budget);
    // a peer is served while attackers hold the rest of the budget
    assertThat(value(b.request(NodeId.of("a"), beat("b", 21), TIMEOUT).get(10, TimeUnit.SECONDS))).isEqualTo(42);

    assertThat(sockets.stream().filter(UnfinishedFrameBoundTest::closedByPeer).count()).isEqualTo(ATTACKERS);
    await().atMost(5, TimeUnit.SECONDS).until(() -> a.inboundBufferedBytes() == 0);
    assertThat(registry.counter("cairn.internode.frames.timed-out").getCount()).isGreaterThanOrEqualTo(1);
    assertThat(value(b.request(NodeId.of("a"), beat("b", 5), TIMEOUT).get(10, TimeUnit.SECONDS))).isEqualTo(10);
  }

  /**
   * Opens {@link #ATTACKERS} connections, each saying hello and then sending {@code sent} bytes of
   * a frame of {@code length}; returns the most bytes the port held meanwhile, sampled until the
   * port has closed a connection over its budget.
   */
  private long attack(int port, byte[] hello, int length, int sent, LongSupplier held, Counter overBudget)
      throws IOException {
    long maxSeen = 0;
    byte[] body = new byte[sent];
    for (int i = 0; i < ATTACKERS; i++) {
      Socket s = new Socket(HOST, port);
      sockets.add(s);
      OutputStream out = s.getOutputStream();
      out.write(hello);
      out.write(ByteBuffer.allocate(4).putInt(length).array());
      try {
        out.write(body);
        out.flush();
      } catch (SocketException e) {
        // closed while sending: over the budget
      }
      maxSeen = Math.max(maxSeen, held.getAsLong());
    }
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < until && overBudget.getCount() == 0) {
      maxSeen = Math.max(maxSeen, held.getAsLong());
      Thread.onSpinWait();
    }
    assertThat(overBudget.getCount()).as("connections closed over the budget").isPositive();
    return Math.max(maxSeen, held.getAsLong());
  }

  /** Whether the node closes the connection (within a few frame timeouts), after whatever it sent. */
  private static boolean closedByPeer(Socket s) {
    try {
      s.setSoTimeout((int) FRAME_TIMEOUT.toMillis() * 5);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // the hello answer, or an error frame
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }
}
