package io.cairn.node.adapter.vertx;

import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.WireCodec;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Splits a connection's byte stream into frames ({@code int32 length}, then that many bytes) and
 * decodes each with the {@link WireCodec}. Used on one connection's event loop only.
 *
 * <p>Frames are decoded where they lie: a chunk read from the socket that starts on a frame
 * boundary (the usual case under load) is decoded straight from its backing array, and only the
 * tail of a frame cut by the chunk's end is copied aside until the rest arrives. Vert.x's {@code
 * RecordParser}, used before, copied every frame twice more (into a record buffer, then into a
 * byte array); profiles of a loaded node showed those copies as its hottest Java frames. Decoding
 * copies what it keeps (values, keys), so nothing decoded refers to the chunk or the carry-over.
 *
 * <p>The length prefix is checked before anything is buffered, so a peer announcing a huge frame
 * costs nothing: the reader reports garbage at once instead of waiting for 2 GB. After the first
 * garbage report the reader is dead and swallows the rest of the stream, because after a bad frame
 * nothing that follows can be trusted to be aligned on a frame boundary.
 */
final class FrameReader implements Handler<Buffer> {

  /** Where decoded frames and protocol violations go. */
  interface Sink {
    void onFrame(Envelope envelope);

    void onGarbage(String reason);
  }

  private static final int LENGTH_BYTES = 4;
  private static final byte[] NONE = new byte[0];
  private static final int RETAINED_CARRY_BYTES = 256 * 1024;

  private final WireCodec codec;
  private final int maxFrameBytes;
  private final Sink sink;
  /** The start of a frame not yet complete, carried over from earlier chunks: {@code carry[0, carried)}. */
  private byte[] carry = NONE;
  private int carried;
  private boolean stopped;

  FrameReader(WireCodec codec, int maxFrameBytes, Sink sink) {
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
    this.sink = sink;
  }

  @Override
  public void handle(Buffer data) {
    int length = data.length();
    if (stopped || length == 0) {
      return;
    }
    if (carried == 0) {
      ByteBuf buf = data instanceof BufferInternal internal ? internal.getByteBuf() : null;
      if (buf != null && buf.hasArray()) {
        consume(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
      } else {
        consume(data.getBytes(), 0, length);
      }
      return;
    }
    reserve(carried + length);
    data.getBytes(0, length, carry, carried);
    int total = carried + length;
    carried = 0;
    consume(carry, 0, total);
  }

  /** Ignores everything from now on (the connection is being closed). */
  void stop() {
    stopped = true;
    carry = NONE;
    carried = 0;
  }

  /** Decodes every complete frame in {@code bytes[offset, offset + length)} and carries the rest over. */
  private void consume(byte[] bytes, int offset, int length) {
    int pos = offset;
    int end = offset + length;
    while (!stopped && end - pos >= LENGTH_BYTES) {
      int frameLength = (bytes[pos] & 0xFF) << 24 | (bytes[pos + 1] & 0xFF) << 16
          | (bytes[pos + 2] & 0xFF) << 8 | (bytes[pos + 3] & 0xFF);
      if (frameLength < TransportOptions.MIN_FRAME_BYTES || frameLength > maxFrameBytes) {
        garbage("frame length " + frameLength + " outside [" + TransportOptions.MIN_FRAME_BYTES + ", "
            + maxFrameBytes + "]");
        return;
      }
      if (end - pos - LENGTH_BYTES < frameLength) {
        break;
      }
      decode(bytes, pos + LENGTH_BYTES, frameLength);
      pos += LENGTH_BYTES + frameLength;
    }
    if (!stopped && pos < end) {
      reserve(end - pos);
      System.arraycopy(bytes, pos, carry, 0, end - pos); // may overlap when bytes is carry: arraycopy allows it
      carried = end - pos;
    } else if (carry.length > RETAINED_CARRY_BYTES) {
      carry = NONE; // one huge frame must not pin its buffer for the connection's life
    }
  }

  private void decode(byte[] bytes, int offset, int length) {
    Envelope envelope;
    try {
      envelope = codec.decodeFrame(bytes, offset, length);
    } catch (RuntimeException e) {
      // WireFormatException mostly, but a decoder bug must not escape into Netty either
      garbage("undecodable frame: " + e.getMessage());
      return;
    }
    sink.onFrame(envelope); // may stop this reader (the connection closes)
  }

  /** Makes {@code carry} hold at least {@code bytes}, keeping what it carries. */
  private void reserve(int bytes) {
    if (carry.length < bytes) {
      byte[] bigger = new byte[Math.max(bytes, Math.min(Math.max(256, carry.length * 2), maxFrameBytes + LENGTH_BYTES))];
      System.arraycopy(carry, 0, bigger, 0, carried);
      carry = bigger;
    }
  }

  private void garbage(String reason) {
    stop();
    sink.onGarbage(reason);
  }
}
