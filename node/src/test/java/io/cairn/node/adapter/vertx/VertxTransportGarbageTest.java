package io.cairn.node.adapter.vertx;

import static io.cairn.node.adapter.vertx.TransportFixture.TIMEOUT;
import static io.cairn.node.adapter.vertx.TransportFixture.beat;
import static io.cairn.node.adapter.vertx.TransportFixture.echo;
import static io.cairn.node.adapter.vertx.TransportFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Raw sockets sending nonsense to the internode port: only that connection suffers. */
@Timeout(60)
class VertxTransportGarbageTest {

  private static final NodeId B = NodeId.of("b");

  private final TransportFixture fx = new TransportFixture();
  private VertxTransport a;
  private VertxTransport b;

  @BeforeEach
  void setUp() throws Exception {
    a = fx.start("a", 0, TransportOptions.defaults());
    b = fx.start("b", 0, TransportOptions.defaults());
    b.onRequest(echo("b"));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void randomBytesCloseTheConnection() throws Exception {
    byte[] noise = new byte[200];
    new Random(42).nextBytes(noise);
    ByteBuffer frame = ByteBuffer.allocate(4 + noise.length).putInt(noise.length).put(noise);
    assertClosedAfterSending(frame.array()); // a plausible length, an undecodable body
    byte[] pureNoise = new byte[64];
    new Random(7).nextBytes(pureNoise);
    pureNoise[0] = (byte) 0x80; // negative length: rejected before anything is buffered
    assertClosedAfterSending(pureNoise);
    assertPeerStillServed();
  }

  @Test
  void aHugeOrTinyLengthPrefixClosesTheConnection() throws Exception {
    assertClosedAfterSending(ByteBuffer.allocate(4).putInt(WireCodec.MAX_FRAME_BYTES + 1).array());
    assertClosedAfterSending(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
    assertClosedAfterSending(ByteBuffer.allocate(12).putInt(8).putLong(1).array());
    assertPeerStillServed();
  }

  @Test
  void aValidFrameWithoutHelloClosesTheConnection() throws Exception {
    byte[] request = fx.codec.encodeFrame(new Envelope(1, beat("x", 1)));
    assertClosedAfterSending(request);
    assertPeerStillServed();
  }

  @Test
  void aHelloWithAnotherVersionClosesTheConnection() throws Exception {
    byte[] hello = fx.codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("x"), WireCodec.VERSION + 1, 1)));
    assertClosedAfterSending(hello);
    assertPeerStillServed();
  }

  @Test
  void aProperHelloIsAnsweredWithHelloAndRequestsWork() throws Exception {
    // the positive control for the raw-socket checks above
    try (Socket s = connect()) {
      s.getOutputStream().write(fx.codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("x"), WireCodec.VERSION, 1))));
      s.getOutputStream().write(fx.codec.encodeFrame(new Envelope(77, beat("x", 4))));
      DataInputStream in = new DataInputStream(s.getInputStream());
      Envelope hello = readFrame(in);
      assertThat(hello.message()).isEqualTo(new Hello(B, WireCodec.VERSION, 1));
      Envelope reply = readFrame(in);
      assertThat(reply.correlationId()).isEqualTo(77);
      assertThat(value(reply.message())).isEqualTo(8);
    }
  }

  private Envelope readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] body = new byte[length];
    in.readFully(body);
    return fx.codec.decodeFrame(body, 0, length);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(TransportFixture.HOST, b.port());
    s.setSoTimeout(5000);
    return s;
  }

  private void assertClosedAfterSending(byte[] bytes) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1024];
      for (int i = 0; i < 100; i++) { // bounded: the server sends nothing but the close
        try {
          if (in.read(buf) < 0) {
            return; // orderly close
          }
        } catch (SocketTimeoutException e) {
          fail("connection still open 5 s after sending garbage");
        } catch (SocketException e) {
          return; // reset: closed with our bytes unread, just as good
        }
      }
      fail("server kept sending data instead of closing");
    }
  }

  private void assertPeerStillServed() throws Exception {
    assertThat(value(a.request(B, beat("a", 5), TIMEOUT).get(5, TimeUnit.SECONDS))).isEqualTo(10);
  }
}
