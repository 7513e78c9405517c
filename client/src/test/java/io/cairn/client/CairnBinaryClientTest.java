package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.ScriptedFrameServer.HangUp;
import io.cairn.client.ScriptedFrameServer.Reply;
import io.cairn.client.ScriptedFrameServer.Silence;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.ClientReply;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The binary client's mapping of replies to values and exceptions, against a scripted frame server. */
@Timeout(30)
class CairnBinaryClientTest {

  private static final RequestId RID = new RequestId(1, 2);
  ScriptedFrameServer server;
  CairnBinaryClient client;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedFrameServer();
    client = CairnBinaryClient.builder().hosts("127.0.0.1:" + server.port()).connectionMode(mode())
        .connectionsPerHost(1).connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofMillis(500))
        .reconnectBackoff(Duration.ofMillis(10)).build();
  }

  /** The connection mode under test; {@link CairnBinaryClientExclusiveTest} runs every test in the other. */
  CairnBinaryClient.ConnectionMode mode() {
    return CairnBinaryClient.ConnectionMode.PIPELINED;
  }

  /** Connections the server may see when {@code threads} threads call at once. */
  int connectionsFor(int threads) {
    return 1; // all of them pipelined on one
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private static StoredObject twoSiblings() {
    return StoredObject.empty()
        .write(Actor.of("n1", 1), VersionVector.empty(), Sibling.of(bytes("a"), "text/plain", 5), ConflictMode.SIBLINGS)
        .write(Actor.of("n2", 1), VersionVector.empty(), Sibling.of(bytes("b"), "text/plain", 6), ConflictMode.SIBLINGS);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void siblingsAndTheirContextAreReturnedAsValues() {
    StoredObject object = twoSiblings();
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.OK, "opaque-token", object.liveSiblings(), "")));
    Fetched f = client.get("b", "k");
    assertThat(f.siblings()).containsExactlyInAnyOrder(
        new Value(bytes("a"), "text/plain", 5), new Value(bytes("b"), "text/plain", 6));
    assertThat(f.context()).contains("opaque-token");
    assertThat(server.received.get(0)).isInstanceOfSatisfying(ClientGet.class,
        g -> assertThat(g.key().key()).isEqualTo("k"));
  }

  @Test
  void notFoundIsAnEmptyRead() {
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.NOT_FOUND, "", List.of(), "")));
    Fetched f = client.get("b", "k");
    assertThat(f.found()).isFalse();
    assertThat(f.context()).isEmpty();
  }

  @Test
  void aPutCarriesItsContextAndReturnsTheNewOneAndConcurrentValues() {
    StoredObject object = twoSiblings();
    String ctx = "token-as-the-node-issued-it";
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.OK, "new-token", object.liveSiblings(), "")));
    Written w = client.put("b", "k", bytes("v"), "text/plain", ctx, WriteOptions.DEFAULT.withW(3));
    assertThat(w.context()).contains("new-token");
    assertThat(w.siblings()).hasSize(2);
    ClientPut sent = (ClientPut) server.received.get(0);
    assertThat(sent.context()).isEqualTo(ctx); // passed on untouched: the client never reads a context
    assertThat(sent.w()).isEqualTo(3);
    assertThat(sent.value().contentType()).isEqualTo("text/plain");
    assertThat(w.requestId()).contains(RID.toString());
    client.delete("b", "k", ctx, WriteOptions.DEFAULT);
    assertThat(((ClientPut) server.received.get(1)).value().tombstone()).isTrue();
  }

  @Test
  void quorumOutcomesMapToNotAppliedAndIndeterminate() {
    server.script(m -> m instanceof ClientGet
        ? new Reply(new ClientReply(RID, QuorumOutcome.FAILED, "", List.of(), "1 of 2 replied"))
        : new Reply(new ClientReply(RID, QuorumOutcome.INDETERMINATE, "", List.of(), "1 of 2 acks")));
    assertThatThrownBy(() -> client.get("b", "k"))
        .isInstanceOfSatisfying(NotAppliedException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("1 of 2 replied");
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, null))
        .isInstanceOfSatisfying(IndeterminateException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("1 of 2 acks");
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.FAILED, "", List.of(), "none")));
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, null)).isInstanceOf(NotAppliedException.class);
  }

  @Test
  void everyClientErrorKindMapsToItsHttpMeaning() {
    assertError(ClientError.Kind.INVALID, RequestRejectedException.class, 400);
    assertError(ClientError.Kind.TOO_LARGE, RequestRejectedException.class, 413);
    assertError(ClientError.Kind.UNSUPPORTED, RequestRejectedException.class, 400);
    assertError(ClientError.Kind.OVERLOADED, NotAppliedException.class, 503);
    assertError(ClientError.Kind.INTERNAL, IndeterminateException.class, 500);
    assertError(ClientError.Kind.INSUFFICIENT_STORAGE, InsufficientStorageException.class, 507);
  }

  private void assertError(ClientError.Kind kind, Class<? extends CairnException> type, int status) {
    server.script(m -> new Reply(new ClientError(kind, "because " + kind)));
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, null))
        .isInstanceOfSatisfying(type, e -> assertThat(e.status()).isEqualTo(status))
        .hasMessageContaining("because " + kind);
  }

  @Test
  void badInputIsRejectedBeforeSending() {
    // contexts are opaque to the client (the node judges them); only one no node could issue stays here
    String tooLong = "x".repeat(ClientPut.MAX_CONTEXT_BYTES + 1);
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, tooLong))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.get("", "k")).isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), "bad\ntype", null))
        .isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(() -> client.get("b", "k", ReadOptions.localCopy()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(server.received).isEmpty();
  }

  @Test
  void noAnswerInTimeIsIndeterminate() {
    server.script(m -> new Silence());
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, null))
        .isInstanceOf(IndeterminateException.class)
        .hasMessageContaining("no answer");
  }

  @Test
  void aConnectionLostMidRequestIsIndeterminateAndTheNextRequestReconnects() {
    server.script(m -> new HangUp());
    assertThatThrownBy(() -> client.put("b", "k", bytes("v"), null, null))
        .isInstanceOf(IndeterminateException.class)
        .hasMessageContaining("lost after the request was sent");
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.NOT_FOUND, "", List.of(), "")));
    assertThat(client.get("b", "k").found()).isFalse();
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void aRefusedConnectionIsNotApplied() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (CairnBinaryClient nobody = CairnBinaryClient.of("127.0.0.1:" + closedPort)) {
      assertThatThrownBy(() -> nobody.get("b", "k"))
          .isInstanceOf(NotAppliedException.class)
          .hasMessageContaining("cannot connect");
    }
  }

  @Test
  void manyThreadsGetTheirOwnRepliesOverAsFewConnectionsAsTheModeAllows() throws Exception {
    server.script(m -> new Reply(new ClientReply(RID, QuorumOutcome.NOT_FOUND, "", List.of(), "")));
    Thread[] threads = new Thread[8];
    AtomicInteger ok = new AtomicInteger();
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          if (!client.get("b", "k" + i).found()) {
            ok.incrementAndGet();
          }
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ok.get()).isEqualTo(1600);
    assertThat(server.connections.get()).isBetween(1, connectionsFor(threads.length));
  }
}
