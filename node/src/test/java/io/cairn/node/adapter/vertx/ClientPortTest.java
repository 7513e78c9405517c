package io.cairn.node.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.codahale.metrics.MetricRegistry;
import io.cairn.client.CairnBinaryClient;
import io.cairn.client.Fetched;
import io.cairn.client.IndeterminateException;
import io.cairn.client.NotAppliedException;
import io.cairn.client.ReadOptions;
import io.cairn.client.RequestRejectedException;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.client.Written;
import io.cairn.node.coordinator.ClientRequests;
import io.cairn.node.coordinator.Coordinator;
import io.cairn.node.coordinator.CoordinatorOptions;
import io.cairn.node.config.LimitsConfig;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.node.core.Metrics;
import io.cairn.node.core.ExecutorScheduler;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The binary client port over real loopback sockets, on three node cores, with the real client. */
@Timeout(60)
class ClientPortTest {

  private static final int MAX_KEY_BYTES = 1024; // the cluster's nodes run with limits.max-key-bytes = 1024

  private final WireCodec codec = new WireCodec();
  private final Map<String, Integer> ports = new HashMap<>();
  private LocalCluster cluster;
  private Vertx vertx;
  private CairnBinaryClient all;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster(3, 16, Duration.ofSeconds(2));
    vertx = Vertx.vertx();
    for (LocalCluster.Node n : cluster.nodes.values()) {
      ports.put(n.id().value(), startPort(n.id(), n.core().clientRequests(), 100));
    }
    all = client("n1", "n2", "n3");
  }

  @AfterEach
  void stop() throws Exception {
    all.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
  }

  private int startPort(NodeId id, ClientRequests requests, int maxPending) throws Exception {
    int frame = new LimitsConfig(MAX_KEY_BYTES, 1 << 20).clientFrameBytes(); // the cluster's nodes' limits
    ClientPortOptions options = new ClientPortOptions(maxPending, frame, 1024, Duration.ofSeconds(60),
        Duration.ofSeconds(30), 64L << 20);
    ClientPort port = new ClientPort(vertx, codec, new Hello(id, WireCodec.VERSION, 1), options, requests,
        Metrics.counting(), System::nanoTime);
    return port.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private CairnBinaryClient client(String... nodes) {
    CairnBinaryClient.Builder b = CairnBinaryClient.builder().connectionsPerHost(1).requestTimeout(Duration.ofSeconds(10));
    for (String n : nodes) {
      b.hosts("127.0.0.1:" + ports.get(n));
    }
    return b.build();
  }

  @Test
  void exclusiveConnectionsServeManyThreadsAgainstRealNodes() throws Exception {
    CairnBinaryClient.Builder b = CairnBinaryClient.builder()
        .connectionMode(CairnBinaryClient.ConnectionMode.EXCLUSIVE).requestTimeout(Duration.ofSeconds(10));
    ports.values().forEach(p -> b.hosts("127.0.0.1:" + p));
    try (CairnBinaryClient exclusive = b.build()) {
      Thread[] threads = new Thread[6];
      AtomicInteger done = new AtomicInteger();
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      for (int t = 0; t < threads.length; t++) {
        String key = "x" + t;
        threads[t] = new Thread(() -> {
          try {
            String context = null;
            for (int i = 0; i < 50; i++) { // read-modify-write: each write replaces the one read
              Written w = exclusive.put("b", key, bytes(key + i), "text/plain", context, WriteOptions.DEFAULT);
              Fetched f = exclusive.get("b", key);
              assertThat(f.siblings()).extracting(Value::asString).containsExactly(key + i);
              context = f.context().orElseThrow();
              assertThat(w.siblings()).isEmpty();
            }
            done.incrementAndGet();
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(done.get()).isEqualTo(threads.length);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesReadsSiblingsContextsAndDeletesRoundTrip() {
    WriteOptions all3 = WriteOptions.DEFAULT.withW(3);
    try (CairnBinaryClient one = client("n1"); CairnBinaryClient two = client("n2")) {
      Written first = one.put("b", "k", bytes("a"), "text/plain", null, all3);
      assertThat(first.context()).isPresent();
      assertThat(first.siblings()).isEmpty();
      assertThat(first.requestId()).isPresent();
      Written second = two.put("b", "k", bytes("b"), "text/plain", null, all3);
      assertThat(second.siblings()).extracting(Value::asString).containsExactlyInAnyOrder("a", "b");
    }
    Fetched read = all.get("b", "k", ReadOptions.DEFAULT.withR(3));
    assertThat(read.hasSiblings()).isTrue();
    assertThat(read.siblings()).extracting(Value::asString).containsExactlyInAnyOrder("a", "b");
    assertThat(read.siblings()).allSatisfy(v -> {
      assertThat(v.contentType()).isEqualTo("text/plain");
      assertThat(v.timestamp()).isPositive(); // stamped by the node
    });

    Written merged = all.put("b", "k", bytes("ab"), "application/json", read.context().orElseThrow(), all3);
    assertThat(merged.siblings()).isEmpty();
    Fetched after = all.get("b", "k", ReadOptions.DEFAULT.withR(3));
    assertThat(after.siblings()).extracting(Value::asString).containsExactly("ab");
    assertThat(after.siblings().get(0).contentType()).isEqualTo("application/json");

    all.delete("b", "k", after.context().orElseThrow(), all3);
    Fetched gone = all.get("b", "k", ReadOptions.DEFAULT.withR(3));
    assertThat(gone.found()).isFalse();
    assertThat(gone.context()).isPresent(); // the tombstone's
    Fetched never = all.get("b", "never");
    assertThat(never.found()).isFalse();
    assertThat(never.context()).isEmpty();
  }

  @Test
  void requestsThatCanNeverSucceedAreRejectedWithTheNodesReason() {
    assertThatThrownBy(() -> all.put("b", "k", bytes("v"), null, null, WriteOptions.DEFAULT.withW(4)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("w");
    assertThatThrownBy(() -> all.get("b", "k", ReadOptions.DEFAULT.withR(5)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> all.put("b", "k", new byte[(1 << 20) + 1], null, null, WriteOptions.DEFAULT))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413))
        .hasMessageContaining("limits.max-value-bytes");
    assertThatThrownBy(() -> all.get("b", "k".repeat(MAX_KEY_BYTES + 1)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413))
        .hasMessageContaining("limits.max-key-bytes");
    assertThatThrownBy(() -> all.put("b", "k", bytes("v"), null, "not-a-context", WriteOptions.DEFAULT))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> all.delete("b", "k", null, WriteOptions.DEFAULT))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(428))
        .hasMessageContaining("context");
    assertThat(all.get("b", "k").found()).isFalse(); // none of them wrote anything
  }

  @Test
  void anImpossibleQuorumIsNotApplied() {
    cluster.network.takeDown(NodeId.of("n2"));
    cluster.network.takeDown(NodeId.of("n3"));
    try (CairnBinaryClient one = client("n1")) {
      assertThatThrownBy(() -> one.put("b", "k", bytes("v"), null, null, WriteOptions.DEFAULT.withW(2)))
          .isInstanceOfSatisfying(NotAppliedException.class, e -> assertThat(e.status()).isEqualTo(503))
          .hasMessageContaining("not enough replicas");
      assertThatThrownBy(() -> one.get("b", "k", ReadOptions.DEFAULT.withR(2)))
          .isInstanceOf(NotAppliedException.class);
    }
  }

  @Test
  void aSlowWriteIsIndeterminateAndBeyondThePendingLimitRequestsAreOverloaded() throws Exception {
    LocalCluster.Node n = cluster.node("n1");
    var options = cluster.options(Duration.ofMillis(1500), MAX_KEY_BYTES, 1 << 16, 100, Long.MAX_VALUE);
    ports.put("slow", startPort(n.id(), cluster.standalone(n.id().value(), blackHole(), options).core().clientRequests(), 1));
    try (CairnBinaryClient client = client("slow")) {
      CompletableFuture<Written> first = CompletableFuture.supplyAsync(
          () -> client.put("b", "slow", bytes("v"), null, null, WriteOptions.DEFAULT));
      org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
          assertThatThrownBy(() -> client.get("b", "other"))
              .isInstanceOfSatisfying(NotAppliedException.class, e -> assertThat(e.status()).isEqualTo(503))
              .hasMessageContaining("overloaded"));
      assertThatThrownBy(() -> first.join())
          .hasCauseInstanceOf(IndeterminateException.class)
          .hasMessageContaining("indeterminate");
    }
  }

  private static Transport blackHole() {
    return new Transport() {
      @Override
      public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
        return new CompletableFuture<>(); // replicas that never answer
      }

      @Override
      public void onRequest(RequestHandler handler) {}

      @Override
      public void close() {}
    };
  }

  /** A get with timeout Long.MAX_VALUE overflowed the deadline timer and came back INTERNAL. */
  @Test
  void anImpossibleTimeoutIsInvalidNotInternal() throws Exception {
    try (Socket s = connect("n1")) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      s.getOutputStream().write(codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "test"))));
      assertThat(readFrame(in).message()).isInstanceOf(Hello.class);
      BucketKey key = BucketKey.of("b", "timeout");
      s.getOutputStream().write(codec.encodeFrame(new Envelope(8, new ClientGet(key, 0, 0, Long.MAX_VALUE))));
      assertThat(readFrame(in).message()).isInstanceOfSatisfying(ClientError.class, e -> {
        assertThat(e.kind()).isEqualTo(ClientError.Kind.INVALID);
        assertThat(e.detail()).contains("timeout=" + Long.MAX_VALUE);
      });
    }
  }

  @Test
  void anInternodeMessageIsRefusedAndHasNoEffect() throws Exception {
    LocalCluster.Node n1 = cluster.node("n1");
    BucketKey key = BucketKey.of("b", "injected");
    int partition = new Partitioner(cluster.ring.partitionCount()).partitionOf("b", "injected");
    StoredObject object = StoredObject.empty().write(Actor.of("n1", 77), VersionVector.empty(),
        Sibling.of(bytes("evil"), "text/plain", 1), ConflictMode.SIBLINGS);
    try (Socket s = connect("n1")) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      s.getOutputStream().write(codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "test"))));
      assertThat(readFrame(in).message()).isInstanceOf(Hello.class);
      s.getOutputStream().write(codec.encodeFrame(new Envelope(5,
          new ReplicaPut(partition, key, object, ConflictMode.SIBLINGS, Optional.empty()))));
      s.getOutputStream().write(codec.encodeFrame(new Envelope(6, new Heartbeat(NodeId.of("n2"), 1, 1))));
      // the internode form of a put carries a vector, not a token: a client could claim any history
      s.getOutputStream().write(codec.encodeFrame(new Envelope(8, new CoordinatePut(new RequestId(1, 2), key,
          VersionVector.of(Map.of(Actor.of("n1", 1), Long.MAX_VALUE - 1)), Sibling.of(bytes("evil"), "text/plain", 1),
          0, 0, 0))));
      for (long id : List.of(5L, 6L, 8L)) {
        Envelope reply = readFrame(in);
        assertThat(reply.correlationId()).isEqualTo(id);
        assertThat(reply.message()).isInstanceOfSatisfying(ClientError.class,
            e -> assertThat(e.kind()).isEqualTo(ClientError.Kind.UNSUPPORTED));
      }
      // the connection is still good for client requests
      s.getOutputStream().write(codec.encodeFrame(new Envelope(7, new ClientGet(key, 3, 0, 0))));
      assertThat(readFrame(in).correlationId()).isEqualTo(7);
    }
    assertThat(n1.store().get(partition, key).isEmpty()).isTrue();
    assertThat(all.get("b", "injected", ReadOptions.DEFAULT.withR(3)).found()).isFalse();
  }

  @Test
  void aFirstFrameThatIsNotAClientHelloOrGarbageClosesTheConnectionOnly() throws Exception {
    ClientGet get = new ClientGet(BucketKey.of("b", "k"), 0, 0, 0);
    assertClosedAfterSending(codec.encodeFrame(new Envelope(1, get)));
    assertClosedAfterSending(codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("n2"), WireCodec.VERSION, 1))));
    byte[] noise = new byte[200];
    new Random(42).nextBytes(noise);
    assertClosedAfterSending(ByteBuffer.allocate(4 + noise.length).putInt(noise.length).put(noise).array());
    assertClosedAfterSending(ByteBuffer.allocate(4).putInt(WireCodec.MAX_FRAME_BYTES + 1).array());
    assertClosedAfterSending(ByteBuffer.allocate(12).putInt(8).putLong(1).array());
    // garbage after a proper hello too
    byte[] hello = codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "test")));
    assertClosedAfterSending(ByteBuffer.allocate(hello.length + 4 + noise.length).put(hello)
        .putInt(noise.length).put(noise).array());
    // the node is unharmed
    all.put("b", "after", bytes("ok"), null, null, WriteOptions.DEFAULT);
    assertThat(all.get("b", "after").siblings()).extracting(Value::asString).containsExactly("ok");
  }

  @Test
  void aClientOfAnotherWireVersionIsToldOursAndDisconnected() throws Exception {
    try (Socket s = connect("n1")) {
      s.getOutputStream().write(codec.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION + 1, "future"))));
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(readFrame(in).message()).isEqualTo(new Hello(NodeId.of("n1"), WireCodec.VERSION, 1));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  private Socket connect(String node) throws IOException {
    Socket s = new Socket("127.0.0.1", ports.get(node));
    s.setSoTimeout(5000);
    return s;
  }

  private Envelope readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] body = new byte[length];
    in.readFully(body);
    return codec.decodeFrame(body, 0, length);
  }

  private void assertClosedAfterSending(byte[] bytes) throws IOException {
    try (Socket s = connect("n1")) {
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1024];
      for (int i = 0; i < 100; i++) { // bounded: at most a Hello, then the close
        try {
          if (in.read(buf) < 0) {
            return;
          }
        } catch (SocketTimeoutException e) {
          fail("connection still open 5 s after sending garbage");
        } catch (SocketException e) {
          return; // reset: closed with our bytes unread
        }
      }
      fail("server kept sending data instead of closing");
    }
  }
}
