package io.cairn.node.adapter.vertx;

import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.WireCodec;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.function.LongSupplier;

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
 *
 * <p>The bytes of an unfinished frame are taken from an {@link InboundBudget} shared by the port's
 * connections before they are buffered, and given back when the frame completes; a frame that does
 * not fit stops the reader ({@link Sink#onOverBudget}). {@link #partialAgeNanos} tells how long the
 * unfinished frame has been waiting for its rest, so that a stalled one can be timed out.
 */
final class FrameReader implements Handler<Buffer> {

  /** Where decoded frames and protocol violations go. */
  interface Sink {
    void onFrame(Envelope envelope);

    void onGarbage(String reason);

    /** The unfinished frame would take the shared budget past its limit; the reader has stopped. */
    default void onOverBudget(long wanted, InboundBudget budget) {
      onGarbage("an unfinished frame needs " + wanted + " more bytes, beyond the budget of " + budget.limit());
    }
  }

  private static final int LENGTH_BYTES = 4;
  private static final byte[] NONE = new byte[0];
  private static final int RETAINED_CARRY_BYTES = 64 * 1024;
  private static final long NOT_PARTIAL = Long.MIN_VALUE;

  private final WireCodec codec;
  private final InboundBudget budget;
  private final LongSupplier nanos;
  private final Sink sink;
  private int maxFrameBytes;
  /** The start of a frame not yet complete, carried over from earlier chunks: {@code carry[0, carried)}. */
  private byte[] carry = NONE;
  private int carried;
  /** Bytes of {@link #budget} this reader holds: the carry buffer's size while a frame is unfinished. */
  private long accounted;
  /** When the unfinished frame began, or NOT_PARTIAL; read by a sweeper on another thread. */
  private volatile long partialSince = NOT_PARTIAL;
  private boolean stopped;

  /** A reader with no budget beyond its frame limit (links this node opened to chosen peers). */
  FrameReader(WireCodec codec, int maxFrameBytes, Sink sink) {
    this(codec, maxFrameBytes, new InboundBudget(Long.MAX_VALUE), System::nanoTime, sink);
  }

  FrameReader(WireCodec codec, int maxFrameBytes, InboundBudget budget, LongSupplier nanos, Sink sink) {
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
    this.budget = budget;
    this.nanos = nanos;
    this.sink = sink;
  }

  /** Changes the largest frame accepted from the next frame on (e.g. once a handshake is done). */
  void maxFrameBytes(int bytes) {
    maxFrameBytes = bytes;
  }

  /** How long the unfinished frame has waited for its rest at {@code now}; 0 when there is none. */
  long partialAgeNanos(long now) {
    long since = partialSince;
    return since == NOT_PARTIAL ? 0 : now - since;
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
    if (!reserve(carried + length)) {
      return;
    }
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
    partialSince = NOT_PARTIAL;
    budget.release(accounted);
    accounted = 0;
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
    if (stopped) {
      return;
    }
    if (pos < end) {
      boolean continuing = bytes == carry && pos == offset; // the same unfinished frame, grown
      if (!reserve(end - pos)) {
        return;
      }
      System.arraycopy(bytes, pos, carry, 0, end - pos); // may overlap when bytes is carry: arraycopy allows it
      carried = end - pos;
      if (!continuing || partialSince == NOT_PARTIAL) {
        partialSince = nanos.getAsLong();
      }
    } else {
      partialSince = NOT_PARTIAL;
      budget.release(accounted); // a retained carry buffer is the connection's, not an unfinished frame's
      accounted = 0;
      if (carry.length > RETAINED_CARRY_BYTES) {
        carry = NONE; // one huge frame must not pin its buffer for the connection's life
      }
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

  /**
   * Makes {@code carry} hold at least {@code bytes}, keeping what it carries, once the budget allows
   * the buffer's size; false (and the reader stopped) when it does not.
   */
  private boolean reserve(int bytes) {
    int size = carry.length >= bytes ? carry.length
        : Math.max(bytes, Math.min(Math.max(256, carry.length * 2), maxFrameBytes + LENGTH_BYTES));
    if (size > accounted) {
      if (!budget.tryReserve(size - accounted)) {
        long wanted = size - accounted;
        stop();
        sink.onOverBudget(wanted, budget);
        return false;
      }
      accounted = size;
    }
    if (carry.length < size) {
      byte[] bigger = new byte[size];
      System.arraycopy(carry, 0, bigger, 0, carried);
      carry = bigger;
    }
    return true;
  }

  private void garbage(String reason) {
    stop();
    sink.onGarbage(reason);
  }
}
