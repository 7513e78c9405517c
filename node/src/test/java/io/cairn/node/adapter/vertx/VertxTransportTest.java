package io.cairn.node.adapter.vertx;

import static io.cairn.node.adapter.vertx.TransportFixture.TIMEOUT;
import static io.cairn.node.adapter.vertx.TransportFixture.beat;
import static io.cairn.node.adapter.vertx.TransportFixture.echo;
import static io.cairn.node.adapter.vertx.TransportFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.node.net.ConnectionLostException;
import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.RemoteFailureException;
import io.cairn.node.net.RequestTimeoutException;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class VertxTransportTest {

  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  private final TransportFixture fx = new TransportFixture();

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void requestAndReplyInBothDirections() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults());
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());
    a.onRequest(echo("a"));
    b.onRequest(echo("b"));
    List<NodeId> seenByB = new CopyOnWriteArrayList<>();
    b.onRequest((from, req) -> {
      seenByB.add(from);
      return echo("b").handle(from, req);
    });

    WireMessage fromB = a.request(B, beat("a", 21), TIMEOUT).get(5, TimeUnit.SECONDS);
    WireMessage fromA = b.request(A, beat("b", 5), TIMEOUT).get(5, TimeUnit.SECONDS);

    assertThat(value(fromB)).isEqualTo(42);
    assertThat(((Heartbeat) fromB).from()).isEqualTo(B);
    assertThat(value(fromA)).isEqualTo(10);
    assertThat(seenByB).containsExactly(A); // the Hello told b who is calling
  }

  @Test
  void tenThousandPipelinedRequestsAreAllAnsweredCorrectly() throws Exception {
    TransportOptions options = TransportOptions.defaults().withMaxPendingRequests(20_000);
    VertxTransport a = fx.start("a", 0, options);
    VertxTransport b = fx.start("b", 0, options);
    b.onRequest(echo("b"));
    int n = 10_000;
    long start = System.nanoTime();
    List<CompletableFuture<WireMessage>> replies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      replies.add(a.request(B, beat("a", i), Duration.ofSeconds(20)));
    }
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < n; i++) {
      assertThat(value(replies.get(i).join())).as("reply %d", i).isEqualTo(2L * i);
    }
    System.err.printf("10000 pipelined requests: %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void concurrentRequestersOnManyThreads() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults().withMaxPendingRequests(10_000));
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());
    b.onRequest(echo("b"));
    Map<Long, CompletableFuture<WireMessage>> replies = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      long base = t * 1000L;
      Thread th = new Thread(() -> {
        for (long i = base; i < base + 500; i++) {
          replies.put(i, a.request(B, beat("a", i), TIMEOUT));
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join(10_000);
    }
    assertThat(replies).hasSize(4000);
    CompletableFuture.allOf(replies.values().toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    replies.forEach((i, r) -> assertThat(value(r.join())).isEqualTo(2 * i));
  }

  @Test
  void handlerFailureAndMissingHandlerBecomeRemoteFailure() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults());
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());

    assertThatThrownBy(() -> a.request(B, beat("a", 1), TIMEOUT).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(RemoteFailureException.class).hasMessageContaining("no request handler");

    b.onRequest((from, req) -> CompletableFuture.failedFuture(new IllegalStateException("disk on fire")));
    assertThatThrownBy(() -> a.request(B, beat("a", 2), TIMEOUT).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(RemoteFailureException.class).hasMessageContaining("disk on fire");

    b.onRequest((from, req) -> {
      throw new IllegalArgumentException("cannot parse");
    });
    assertThatThrownBy(() -> a.request(B, beat("a", 3), TIMEOUT).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(RemoteFailureException.class).hasMessageContaining("cannot parse");

    b.onRequest(echo("b")); // the connection survived all of that
    assertThat(value(a.request(B, beat("a", 4), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(8);
  }

  @Test
  void aHandlerThatNeverAnswersTimesOutAndTheLateReplyIsDropped() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults());
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());
    CompletableFuture<WireMessage> held = new CompletableFuture<>();
    b.onRequest((from, req) -> held);

    long start = System.nanoTime();
    CompletableFuture<WireMessage> r = a.request(B, beat("a", 1), Duration.ofMillis(300));
    assertThatThrownBy(() -> r.get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(RequestTimeoutException.class);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isBetween(250L, 3000L);

    held.complete(beat("b", 999)); // the late reply arrives with an id nobody waits for
    b.onRequest(echo("b"));
    assertThat(value(a.request(B, beat("a", 7), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(14);
    assertThat(r).isCompletedExceptionally();
  }

  @Test
  void theEleventhPendingRequestFailsFast() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults().withMaxPendingRequests(10));
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());
    List<CompletableFuture<WireMessage>> held = new CopyOnWriteArrayList<>();
    AtomicInteger arrived = new AtomicInteger();
    b.onRequest((from, req) -> {
      CompletableFuture<WireMessage> f = new CompletableFuture<>();
      held.add(f);
      arrived.incrementAndGet();
      return f.thenApply(x -> (WireMessage) beat("b", ((Heartbeat) req).sentAtMillis()));
    });
    List<CompletableFuture<WireMessage>> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(a.request(B, beat("a", i), TIMEOUT));
    }
    CompletableFuture<WireMessage> eleventh = a.request(B, beat("a", 10), TIMEOUT);
    assertThat(eleventh).isCompletedExceptionally(); // synchronously: no backlog
    assertThatThrownBy(eleventh::join).cause().isInstanceOf(PeerUnavailableException.class);

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 10);
    held.forEach(f -> f.complete(null));
    for (int i = 0; i < 10; i++) {
      assertThat(value(ten.get(i).get(5, TimeUnit.SECONDS))).isEqualTo(i);
    }
    // the slots are free again
    assertThat(a.request(B, beat("a", 11), TIMEOUT).thenApply(x -> 1)).isNotNull();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 11);
    held.get(10).complete(null);
  }

  @Test
  void closeFailsPendingRequests() throws Exception {
    VertxTransport a = fx.start("a", 0, TransportOptions.defaults());
    VertxTransport b = fx.start("b", 0, TransportOptions.defaults());
    AtomicInteger arrived = new AtomicInteger();
    b.onRequest((from, req) -> {
      arrived.incrementAndGet();
      return new CompletableFuture<>();
    });
    CompletableFuture<WireMessage> r = a.request(B, beat("a", 1), Duration.ofSeconds(30));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);
    a.close();
    // it arrived and may have run: "maybe applied", never "not delivered"
    assertThatThrownBy(() -> r.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
    assertThatThrownBy(() -> a.request(B, beat("a", 2), TIMEOUT).join())
        .cause().isInstanceOf(PeerUnavailableException.class);
  }
}
