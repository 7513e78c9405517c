package io.cairn.node.adapter.vertx;

import static io.cairn.node.adapter.vertx.TransportFixture.TIMEOUT;
import static io.cairn.node.adapter.vertx.TransportFixture.beat;
import static io.cairn.node.adapter.vertx.TransportFixture.echo;
import static io.cairn.node.adapter.vertx.TransportFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cairn.node.net.ConnectionLostException;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class VertxTransportReconnectTest {

  private static final NodeId B = NodeId.of("b");
  private static final TransportOptions FAST_BACKOFF = TransportOptions.defaults()
      .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

  private final TransportFixture fx = new TransportFixture();

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  /** A free port now; nothing listens on it until the test starts the peer there. */
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(TransportFixture.HOST))) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPeerThatIsDownFailsFastAndIsReachedOnceItStarts() throws Exception {
    int port = freePort();
    fx.addresses.put(B, new InetSocketAddress(TransportFixture.HOST, port));
    VertxTransport a = fx.start("a", 0, FAST_BACKOFF);

    long start = System.nanoTime();
    CompletableFuture<WireMessage> r = a.request(B, beat("a", 1), Duration.ofSeconds(30));
    assertThatThrownBy(() -> r.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(PeerUnavailableException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);

    // during the backoff: refused at once, without a connect attempt
    CompletableFuture<WireMessage> again = a.request(B, beat("a", 2), Duration.ofSeconds(30));
    assertThatThrownBy(() -> again.get(2, TimeUnit.SECONDS)).cause().isInstanceOf(PeerUnavailableException.class);

    VertxTransport b = fx.start("b", port, FAST_BACKOFF);
    b.onRequest(echo("b"));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertThat(value(a.request(B, beat("a", 3), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(6));
  }

  @Test
  void aRestartedPeerIsReachedAgain() throws Exception {
    VertxTransport a = fx.start("a", 0, FAST_BACKOFF);
    VertxTransport b1 = fx.start("b", 0, FAST_BACKOFF);
    b1.onRequest(echo("b"));
    int port = b1.port();
    assertThat(value(a.request(B, beat("a", 1), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(2);

    b1.close();
    // the old connection is gone; requests now fail (fast) until b is back
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThatThrownBy(() -> a.request(B, beat("a", 2), TIMEOUT).get(5, TimeUnit.SECONDS))
            .cause().isInstanceOf(PeerUnavailableException.class));

    VertxTransport b2 = fx.start("b", port, FAST_BACKOFF);
    b2.onRequest((from, req) -> CompletableFuture.completedFuture(beat("b", 100)));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertThat(value(a.request(B, beat("a", 3), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(100));
  }

  /**
   * A request already written when the connection drops may have been executed: it must not be
   * reported as undelivered, or a coordinator would forward the same write to another node.
   */
  @Test
  void aConnectionLostAfterSendingIsReportedAsMaybeApplied() throws Exception {
    VertxTransport a = fx.start("a", 0, FAST_BACKOFF);
    VertxTransport b = fx.start("b", 0, FAST_BACKOFF);
    CompletableFuture<Void> received = new CompletableFuture<>();
    b.onRequest((from, req) -> {
      received.complete(null);
      return new CompletableFuture<>(); // executed, never answered
    });
    CompletableFuture<WireMessage> r = a.request(B, beat("a", 1), Duration.ofSeconds(30));
    received.get(5, TimeUnit.SECONDS);
    b.close();
    assertThatThrownBy(() -> r.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOf(ConnectionLostException.class)
        .isNotInstanceOf(PeerUnavailableException.class);
  }

  @Test
  void aPeerWithoutAddressIsUnavailable() throws Exception {
    VertxTransport a = fx.start("a", 0, FAST_BACKOFF);
    assertThatThrownBy(() -> a.request(NodeId.of("nobody"), beat("a", 1), TIMEOUT).get(2, TimeUnit.SECONDS))
        .cause().isInstanceOf(PeerUnavailableException.class).hasMessageContaining("no address");
  }

  @Test
  void aConnectionAnsweredByAnotherNodeIsDropped() throws Exception {
    VertxTransport a = fx.start("a", 0, FAST_BACKOFF);
    VertxTransport b = fx.start("b", 0, FAST_BACKOFF);
    AtomicInteger handledByB = new AtomicInteger();
    b.onRequest((from, req) -> {
      handledByB.incrementAndGet();
      return echo("b").handle(from, req);
    });
    NodeId c = NodeId.of("c");
    fx.addresses.put(c, new InetSocketAddress(TransportFixture.HOST, b.port())); // stale address book
    assertThatThrownBy(() -> a.request(c, beat("a", 1), TIMEOUT).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(PeerUnavailableException.class).hasMessageContaining("expected Hello(c");
    assertThat(handledByB).hasValue(0); // requests wait for the handshake: nothing was delivered
  }

  @Test
  void aPeerThatAcceptsButNeverSaysHelloIsUnavailable() throws Exception {
    // the kernel completes TCP connects into the backlog; nobody ever accepts or answers
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName(TransportFixture.HOST))) {
      NodeId mute = NodeId.of("mute");
      fx.addresses.put(mute, new InetSocketAddress(TransportFixture.HOST, silent.getLocalPort()));
      VertxTransport a = fx.start("a", 0, FAST_BACKOFF.withConnectTimeout(Duration.ofMillis(300)));
      long start = System.nanoTime();
      assertThatThrownBy(() -> a.request(mute, beat("a", 1), Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS))
          .cause().isInstanceOf(PeerUnavailableException.class).hasMessageContaining("no Hello");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }
  }
}
