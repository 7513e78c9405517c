package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.HintQuery;
import io.cairn.protocol.wire.LeafKeysRequest;
import io.cairn.protocol.wire.MerkleNodesRequest;
import io.cairn.protocol.wire.ReapRequest;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.RequestId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireFormatException;
import io.cairn.protocol.wire.WireMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile input against one real node process: HTTP requests (methods, paths, percent
 * escapes, query parameters, headers, contexts, bodies), binary client-port frames and internode
 * frames, valid ones and damaged ones. Whatever arrives, the node answers without an unexplained
 * server error (only 503 or 507, each with a reason; never a binary INTERNAL), keeps serving, and
 * every value acknowledged before the barrage reads back unchanged.
 *
 * <p>Bounded: a fixed number of tries per property, every socket read under a timeout.
 */
class HostileInputFuzzTest {

  private static final String SAMPLE_BUCKET = "sample";
  private static final int SAMPLES = 20;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final WireCodec CODEC = new WireCodec();

  private static Path dir;
  private static NodeProcesses node;
  private static final Map<String, String> samples = new LinkedHashMap<>();
  /** A real context of a fuzz key, for mutation: damaged real contexts find more than random text. */
  private static String realContext = "";

  @BeforeContainer
  static void startNode() throws Exception {
    dir = Files.createTempDirectory("cairn-fuzz");
    node = new NodeProcesses(dir, 1, "defaults:\n  n: 1\n  r: 1\n  w: 1\n");
    node.start(0);
    node.awaitReady(0, Duration.ofSeconds(90));
    Random random = new Random(7);
    for (int i = 0; i < SAMPLES; i++) {
      String value = "v" + i + "-" + Long.toHexString(random.nextLong());
      HttpResponse<String> r = node.send(0, HttpRequest.newBuilder(node.uri(0, "/v1/buckets/" + SAMPLE_BUCKET + "/keys/k" + i))
          .PUT(HttpRequest.BodyPublishers.ofString(value)));
      assertThat(r.statusCode()).as("sample write %d", i).isEqualTo(204);
      samples.put("k" + i, value);
    }
    HttpResponse<String> w = node.send(0, HttpRequest.newBuilder(node.uri(0, "/v1/buckets/fuzz/keys/ctx"))
        .PUT(HttpRequest.BodyPublishers.ofString("x")));
    realContext = w.headers().firstValue("X-Cairn-Context").orElse("");
  }

  @AfterContainer
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  /** After every property: the process lives, answers its probes, and the samples are intact. */
  @AfterProperty
  void nodeStillServesAndAcknowledgedDataIsUnchanged() throws Exception {
    assertThat(node.processes[0].isAlive()).as("node process alive").isTrue();
    assertThat(node.send(0, HttpRequest.newBuilder(node.uri(0, "/health")).GET()).statusCode()).isEqualTo(200);
    for (Map.Entry<String, String> s : samples.entrySet()) {
      HttpResponse<String> r = node.send(0,
          HttpRequest.newBuilder(node.uri(0, "/v1/buckets/" + SAMPLE_BUCKET + "/keys/" + s.getKey())).GET());
      assertThat(r.statusCode()).as("sample %s", s.getKey()).isEqualTo(200);
      assertThat(r.body()).as("sample %s", s.getKey()).isEqualTo(s.getValue());
    }
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  record RawHttp(String method, String target, List<String> headers, byte[] body) {
    byte[] bytes() {
      StringBuilder b = new StringBuilder();
      b.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      b.append("Host: 127.0.0.1\r\nConnection: close\r\n");
      headers.forEach(h -> b.append(h).append("\r\n"));
      b.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return method + " " + target + " " + headers + " (" + body.length + " body bytes)";
    }
  }

  @Property(tries = 600)
  void anHttpRequestIsAnsweredAndNeverWithAnUnexplainedServerError(@ForAll("httpRequests") RawHttp request)
      throws Exception {
    try (Socket s = connect(node.httpPorts[0])) {
      s.getOutputStream().write(request.bytes());
      s.getOutputStream().flush();
      String response = new String(readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
      assertThat(response).as("a response to %s", request).startsWith("HTTP/1.1 ");
      int status = Integer.parseInt(response.substring(9, 12));
      if (status >= 500) {
        assertThat(status).as("%s answered %s", request, response).isIn(503, 507);
        if (!request.method().equals("HEAD")) {
          assertThat(response).as("a reason for %s", request).contains("\"error\"");
        }
      }
    }
  }

  @Provide
  Arbitrary<RawHttp> httpRequests() {
    Arbitrary<String> method = Arbitraries.oneOf(
        Arbitraries.of("GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH"),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(10));
    Arbitrary<List<String>> headers = header().list().ofMaxSize(4);
    Arbitrary<byte[]> body = Arbitraries.oneOf(
        Arbitraries.just(new byte[0]),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
        Arbitraries.of("{\"n\":1}", "{\"n\":0,\"r\":9}", "{\"conflictMode\":\"lww\"}", "[]", "null", "{\"w\":\"x\"}")
            .map(t -> t.getBytes(StandardCharsets.UTF_8)));
    return Combinators.combine(method, target(), headers, body).as(RawHttp::new);
  }

  private static Arbitrary<String> target() {
    Arbitrary<String> bucket = Arbitraries.oneOf(
        Arbitraries.of("fuzz", "f", ""),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8).map(b -> "f" + b),
        Arbitraries.strings().withChars('%', 'F', 'f', 'E', '0', '8', 'C', 'x').ofMinLength(1).ofMaxLength(9).map(b -> "f" + b));
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', '~').ofMinLength(1).ofMaxLength(12),
        escapes(),
        Arbitraries.of("..", ".", "%2F", "%00", "%25", "ctx", "a%20b"),
        Arbitraries.integers().between(1000, 1100).map(n -> "k".repeat(n)));
    Arbitrary<String> path = Arbitraries.oneOf(
        Combinators.combine(bucket, key).as((b, k) -> "/v1/buckets/" + b + "/keys/" + k),
        Combinators.combine(bucket, key).as((b, k) -> "/v1/buckets/" + b + "/keys/" + k + "/" + k),
        bucket.map(b -> "/v1/buckets/" + b + "/props"),
        Arbitraries.of("/v1/cluster", "/health", "/ready", "/metrics", "/", "/v1", "/v1/buckets", "/v2/x",
            "/v1/buckets//keys/", "*", "/v1/buckets/fuzz/keys/a?", "//health"));
    Arbitrary<String> query = queryParam().list().ofMaxSize(3).map(ps -> ps.isEmpty() ? "" : "?" + String.join("&", ps));
    return Combinators.combine(path, query).as((p, q) -> p.equals("*") ? p : p + q);
  }

  private static Arbitrary<String> escapes() {
    return Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b)).list().ofMinSize(1).ofMaxSize(6)
        .map(l -> "e" + String.join("", l));
  }

  private static Arbitrary<String> queryParam() {
    Arbitrary<String> name = Arbitraries.of("r", "w", "pr", "pw", "timeout", "local", "x", "");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 5).map(String::valueOf),
        Arbitraries.of("", "true", "false", "abc", "1e3", "600001", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999", "0x10", "%31"));
    return Combinators.combine(name, value).as((n, v) -> n + "=" + v);
  }

  private static Arbitrary<String> header() {
    Arbitrary<String> context = Arbitraries.oneOf(
        Arbitraries.just(realContext),
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
            .ofMaxLength(200),
        Arbitraries.integers().between(0, 200).map(HostileInputFuzzTest::mutatedRealContext),
        Arbitraries.integers().between(1, 20).map(n -> "A".repeat(n * 1000)));
    Arbitrary<String> contentType = Arbitraries.oneOf(
        Arbitraries.of("text/plain", "application/json", "", "x".repeat(300), "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded"),
        Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7E).ofMaxLength(40));
    return Arbitraries.oneOf(
        context.map(c -> "X-Cairn-Context: " + c),
        contentType.map(t -> "Content-Type: " + t),
        Arbitraries.of("Transfer-Encoding: identity", "Expect: 100-continue", "Accept: */*",
            "X-Cairn-Context:", "Content-Encoding: gzip", "Range: bytes=0-1"));
  }

  private static String mutatedRealContext(int seed) {
    if (realContext.isEmpty()) {
      return "";
    }
    char[] chars = realContext.toCharArray();
    Random r = new Random(seed);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    chars[r.nextInt(chars.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
    String mutated = new String(chars);
    return r.nextBoolean() ? mutated : mutated.substring(0, r.nextInt(mutated.length() + 1));
  }

  // ---- binary client port ---------------------------------------------------------------------

  @Property(tries = 300)
  void aClientFrameValidOrDamagedNeverGetsAnInternalErrorOrHangs(
      @ForAll("clientMessages") WireMessage message, @ForAll("damage") Damage damage) throws Exception {
    byte[] hello = CODEC.encodeFrame(new Envelope(0, new ClientHello(WireCodec.VERSION, "fuzz")));
    byte[] frame = damage.apply(CODEC.encodeFrame(new Envelope(1, message)));
    for (WireMessage reply : exchange(node.binaryPorts[0], hello, frame)) {
      if (reply instanceof ClientError e) {
        assertThat(e.kind()).as("%s after %s damaged by %s", e, message, damage).isNotEqualTo(ClientError.Kind.INTERNAL);
      }
    }
  }

  @Provide
  Arbitrary<WireMessage> clientMessages() {
    Arbitrary<BucketKey> key = fuzzKey();
    Arbitrary<Integer> small = Arbitraries.integers().between(-1, 4);
    Arbitrary<Long> timeout = Arbitraries.of(0L, 1L, 5000L, 600_000L, 600_001L, Long.MAX_VALUE, -1L);
    Arbitrary<WireMessage> get = Combinators.combine(key, small, small, timeout)
        .as((k, r, pr, t) -> safely(() -> new ClientGet(k, r, pr, t)));
    Arbitrary<WireMessage> put = Combinators.combine(key, tokens(), siblings(), small, small, timeout)
        .as((k, c, v, w, pw, t) -> safely(() -> new ClientPut(k, c, v, w, pw, t)));
    // the internode form of a put (a vector of the sender's choosing) must be refused, not served
    Arbitrary<WireMessage> internodePut = Combinators.combine(key, contexts(), siblings(), small, small, timeout)
        .as((k, c, v, w, pw, t) -> safely(() -> new CoordinatePut(new RequestId(3, 4), k, c, v, w, pw, t)));
    Arbitrary<WireMessage> internodeGet = Combinators.combine(key, small, small, timeout)
        .as((k, r, pr, t) -> safely(() -> new CoordinateGet(new RequestId(1, 2), k, r, pr, t)));
    return Arbitraries.oneOf(get, put, internodePut, internodeGet, internodeMessages()).filter(m -> m != null);
  }

  // ---- internode port -------------------------------------------------------------------------

  @Property(tries = 300)
  void anInternodeFrameValidOrDamagedNeverHurtsTheNode(
      @ForAll("internodeMessages") WireMessage message, @ForAll("damage") Damage damage) throws Exception {
    byte[] hello = CODEC.encodeFrame(new Envelope(0, new Hello(NodeId.of("fuzzer"), WireCodec.VERSION, 1)));
    byte[] frame = damage.apply(CODEC.encodeFrame(new Envelope(1, message)));
    exchange(node.internodePorts[0], hello, frame); // replies may be anything; the node must live on
  }

  @Provide
  Arbitrary<WireMessage> internodeMessages() {
    Arbitrary<Integer> partition = Arbitraries.oneOf(Arbitraries.integers().between(0, 15),
        Arbitraries.of(-1, 16, 60000, Integer.MAX_VALUE));
    Arbitrary<Integer> leafCount = Arbitraries.of(0, 1, 64, 1024, 1 << 20, -8);
    Arbitrary<List<Integer>> indices = Arbitraries.integers().between(-2, 5000).list().ofMaxSize(20);
    Arbitrary<WireMessage> replicaPut = Combinators.combine(partition, fuzzKey(), siblings(), contexts())
        .as((p, k, v, c) -> safely(() -> new ReplicaPut(p, k,
            StoredObject.empty().write(new Actor(NodeId.of("fuzzer"), 1), c, v, ConflictMode.SIBLINGS),
            ConflictMode.SIBLINGS, Optional.empty())));
    return Arbitraries.oneOf(
        replicaPut,
        Combinators.combine(partition, fuzzKey()).as((p, k) -> safely(() -> new ReplicaGet(p, k))),
        Combinators.combine(partition, fuzzKey()).as((p, k) -> safely(() -> new HintQuery(p, k))),
        Combinators.combine(partition, fuzzKey(), contexts()).as((p, k, c) -> safely(() -> new ReapRequest(p, k, c))),
        Combinators.combine(partition, leafCount, indices).as((p, l, i) -> safely(() -> new MerkleNodesRequest(p, l, i))),
        Combinators.combine(partition, leafCount, indices).as((p, l, i) -> safely(() -> new LeafKeysRequest(p, l, i))))
        .filter(m -> m != null);
  }

  // ---- shared generators and helpers ----------------------------------------------------------

  private static Arbitrary<BucketKey> fuzzKey() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10).map(k -> new BucketKey("fuzz", k));
  }

  /** Context tokens as a client may send them: none, the real one (of another key), damaged, made up. */
  private static Arbitrary<String> tokens() {
    Arbitrary<String> damaged = Arbitraries.integers().between(0, Math.max(0, realContext.length() - 1))
        .map(i -> realContext.isEmpty() ? "" : realContext.substring(0, i) + (realContext.charAt(i) == 'A' ? 'B' : 'A')
            + realContext.substring(i + 1));
    return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(realContext), damaged,
        Arbitraries.strings().ofMaxLength(100), Arbitraries.strings().withCharRange('A', 'Z').ofLength(30000));
  }

  private static Arbitrary<VersionVector> contexts() {
    Arbitrary<Long> counter = Arbitraries.oneOf(Arbitraries.longs().between(1, 10),
        Arbitraries.of(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1L << 40));
    Arbitrary<String> actor = Arbitraries.of("n1", "fuzzer", "n2", "ghost");
    return Combinators.combine(actor, Arbitraries.longs().between(0, 3), counter).as((a, e, c) -> List.of(a, e, c))
        .list().ofMaxSize(4)
        .map(entries -> {
          VersionVector v = VersionVector.empty();
          for (List<? extends Object> entry : entries) {
            Actor who = new Actor(NodeId.of((String) entry.get(0)), (Long) entry.get(1));
            v = v.merge(VersionVector.of(Map.of(who, (Long) entry.get(2))));
          }
          return v;
        });
  }

  private static Arbitrary<Sibling> siblings() {
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(256),
            Arbitraries.of("text/plain", "application/octet-stream"), Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.of(false, false, true))
        .as((v, t, ts, dead) -> dead ? Sibling.tombstone(ts) : Sibling.of(v, t, ts));
  }

  /** A frame's bytes as sent: intact, with bits flipped, truncated, or with garbage appended. */
  record Damage(int kind, long seed) {
    byte[] apply(byte[] frame) {
      Random r = new Random(seed);
      byte[] out = frame.clone();
      switch (kind) {
        case 0 -> { }
        case 1 -> { // flip bits after the length prefix, so the frame stays a frame
          for (int i = 0; i < 1 + r.nextInt(4) && out.length > 4; i++) {
            int at = 4 + r.nextInt(out.length - 4);
            out[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 2 -> out = Arrays.copyOf(out, r.nextInt(out.length));
        default -> {
          byte[] tail = new byte[1 + r.nextInt(64)];
          r.nextBytes(tail);
          out = Arrays.copyOf(out, out.length + tail.length);
          System.arraycopy(tail, 0, out, frame.length, tail.length);
        }
      }
      return out;
    }
  }

  @Provide
  Arbitrary<Damage> damage() {
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs()).as(Damage::new);
  }

  private interface Maker {
    WireMessage make();
  }

  /** A generated field combination the wire type itself refuses to build is skipped, not sent. */
  private static WireMessage safely(Maker maker) {
    try {
      return maker.make();
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  /**
   * Sends the hello and the frame, half-closes, and reads frames until the node closes: every
   * damaged frame must end in replies or a close within the read timeout, never a hang.
   */
  private static List<WireMessage> exchange(int port, byte[] hello, byte[] frame) throws IOException {
    List<WireMessage> replies = new ArrayList<>();
    try (Socket s = connect(port)) {
      OutputStream out = s.getOutputStream();
      out.write(hello);
      out.write(frame);
      out.flush();
      s.shutdownOutput();
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < 16; i++) { // bounded: a hello and a reply or two, then the close
        int length;
        try {
          length = in.readInt();
        } catch (EOFException | SocketException closed) {
          return replies;
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the node neither answered nor closed within " + READ_TIMEOUT);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        try {
          replies.add(CODEC.decodeFrame(body, 0, length).message());
        } catch (WireFormatException e) {
          throw new AssertionError("the node sent an undecodable frame: " + e.getMessage());
        }
      }
      return replies;
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout((int) READ_TIMEOUT.toMillis());
    return s;
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        if (out.size() > 1 << 20) {
          break; // enough to judge; a metrics page is far smaller
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no complete response within " + READ_TIMEOUT + "; got: "
          + out.toString(StandardCharsets.ISO_8859_1));
    } catch (SocketException reset) {
      // the node closed with our bytes unread; what it answered before is judged
    }
    return out.toByteArray();
  }
}
