package io.cairn.node.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.WireCodec;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  private static final int MAX_FRAME = 64 * 1024;
  private final WireCodec codec = new WireCodec();

  /** Collects what the reader reports; can stop the reader after a given number of frames. */
  private static class Collector implements FrameReader.Sink {
    final List<Envelope> frames = new ArrayList<>();
    final List<String> garbage = new ArrayList<>();
    FrameReader reader;
    int stopAfter = Integer.MAX_VALUE;

    @Override
    public void onFrame(Envelope envelope) {
      frames.add(envelope);
      if (frames.size() == stopAfter) {
        reader.stop();
      }
    }

    @Override
    public void onGarbage(String reason) {
      garbage.add(reason);
    }
  }

  private Collector collector() {
    Collector c = new Collector();
    c.reader = new FrameReader(codec, MAX_FRAME, c);
    return c;
  }

  /** Frames of sizes from a few bytes to several kilobytes, and their concatenation. */
  private List<Envelope> envelopes(Random random, int count) {
    List<Envelope> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      char[] detail = new char[random.nextInt(4000)]; // the decoder takes details up to 4096 bytes
      Arrays.fill(detail, (char) ('a' + random.nextInt(26)));
      out.add(new Envelope(random.nextLong(), new ClientError(ClientError.Kind.INVALID, new String(detail))));
    }
    return out;
  }

  private byte[] stream(List<Envelope> envelopes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    envelopes.forEach(e -> bytes.writeBytes(codec.encodeFrame(e)));
    return bytes.toByteArray();
  }

  @Test
  void framesCutAnywhereAcrossChunksDecodeInOrder() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<Envelope> sent = envelopes(random, 1 + random.nextInt(8));
      byte[] all = stream(sent);
      Collector c = collector();
      int pos = 0;
      while (pos < all.length) {
        // small cuts split length prefixes, large ones carry several frames
        int cut = Math.min(all.length - pos, 1 + random.nextInt(random.nextBoolean() ? 7 : 20_000));
        c.reader.handle(chunk(all, pos, cut, random));
        pos += cut;
      }
      assertThat(c.garbage).isEmpty();
      assertThat(c.frames).isEqualTo(sent);
    }
  }

  @Test
  void aStreamFedByteByByteDecodesToo() {
    List<Envelope> sent = envelopes(new Random(7), 3);
    byte[] all = stream(sent);
    Collector c = collector();
    for (byte b : all) {
      c.reader.handle(Buffer.buffer(new byte[] {b}));
    }
    assertThat(c.frames).isEqualTo(sent);
  }

  @Test
  void anOversizedLengthIsGarbageAtOnceAndTheRestIsSwallowed() {
    Collector c = collector();
    byte[] good = codec.encodeFrame(new Envelope(1, new ClientHello(1, "x")));
    c.reader.handle(Buffer.buffer(new byte[] {0x7f, 0, 0, 0})); // 2 GB announced: no waiting for it
    assertThat(c.garbage).singleElement().asString().contains("frame length 2130706432");
    c.reader.handle(Buffer.buffer(good));
    assertThat(c.frames).isEmpty();
    assertThat(c.garbage).hasSize(1);
  }

  @Test
  void aTooShortLengthIsGarbage() {
    Collector c = collector();
    c.reader.handle(Buffer.buffer(new byte[] {0, 0, 0, 3, 1, 2, 3}));
    assertThat(c.garbage).singleElement().asString().contains("frame length 3");
  }

  @Test
  void anUndecodableBodyIsGarbageAndLaterFramesAreIgnored() {
    Collector c = collector();
    byte[] good = codec.encodeFrame(new Envelope(1, new ClientHello(1, "x")));
    byte[] bad = new byte[4 + 12];
    bad[3] = 12;
    Arrays.fill(bad, 12, 16, (byte) 0x7f); // a type id nobody registered
    byte[] all = new byte[good.length * 2 + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    System.arraycopy(good, 0, all, good.length + bad.length, good.length);
    c.reader.handle(Buffer.buffer(all));
    assertThat(c.frames).hasSize(1);
    assertThat(c.garbage).singleElement().asString().startsWith("undecodable frame");
  }

  @Test
  void aReaderStoppedByItsSinkDeliversNothingMore() {
    Collector c = collector();
    c.stopAfter = 2;
    List<Envelope> sent = envelopes(new Random(3), 5);
    c.reader.handle(Buffer.buffer(stream(sent)));
    assertThat(c.frames).isEqualTo(sent.subList(0, 2));
    c.reader.handle(Buffer.buffer(stream(sent)));
    assertThat(c.frames).hasSize(2);
    assertThat(c.garbage).isEmpty();
  }

  /**
   * {@code all[pos, pos + length)} as a chunk the way a socket may hand it over: a plain buffer, or a
   * view into a larger array at an offset (which the in-place decoding must respect).
   */
  /**
   * Unfinished frames take their bytes from the shared budget and give them back once complete;
   * one that does not fit stops its reader, which gives back what it held. Its age is reported so
   * that a stalled frame can be timed out.
   */
  @Test
  void unfinishedFramesHoldBudgetedBytesOnlyUntilTheyCompleteAndReportTheirAge() {
    InboundBudget budget = new InboundBudget(20_000);
    long[] now = {1_000};
    List<String> overBudget = new ArrayList<>();
    Collector small = new Collector();
    small.reader = new FrameReader(codec, MAX_FRAME, budget, () -> now[0], small);
    byte[] frame = codec.encodeFrame(new Envelope(1, new ClientError(ClientError.Kind.INVALID, "x".repeat(3000))));
    small.reader.handle(Buffer.buffer(Arrays.copyOfRange(frame, 0, 1000)));
    assertThat(budget.held()).isBetween(1000L, 20_000L);
    now[0] += 500;
    assertThat(small.reader.partialAgeNanos(now[0])).isEqualTo(500);
    small.reader.handle(Buffer.buffer(Arrays.copyOfRange(frame, 1000, frame.length)));
    assertThat(small.frames).hasSize(1);
    assertThat(budget.held()).isZero();
    assertThat(small.reader.partialAgeNanos(now[0])).isZero();

    Collector big = new Collector() {
      @Override
      public void onOverBudget(long wanted, InboundBudget b) {
        overBudget.add(wanted + " of " + b.limit());
      }
    };
    big.reader = new FrameReader(codec, MAX_FRAME, budget, () -> now[0], big);
    byte[] large = ByteBuffer.allocate(4 + 30_000).putInt(50_000).array(); // the start of a 50 kB frame
    big.reader.handle(Buffer.buffer(Arrays.copyOfRange(large, 0, 10_000)));
    assertThat(overBudget).isEmpty();
    big.reader.handle(Buffer.buffer(Arrays.copyOfRange(large, 10_000, large.length)));
    assertThat(overBudget).hasSize(1);
    assertThat(budget.held()).isZero();
    big.reader.handle(Buffer.buffer(frame)); // a stopped reader ignores the rest
    assertThat(big.frames).isEmpty();
  }

  private static Buffer chunk(byte[] all, int pos, int length, Random random) {
    if (random.nextBoolean()) {
      return Buffer.buffer(Arrays.copyOfRange(all, pos, pos + length));
    }
    int before = random.nextInt(16);
    byte[] padded = new byte[before + length + 16];
    Arrays.fill(padded, (byte) 0x55);
    System.arraycopy(all, pos, padded, before, length);
    return BufferInternal.buffer(Unpooled.wrappedBuffer(padded, before, length));
  }
}
