package io.cairn.node.net.vertx;

import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.WireCodec;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Splits a connection's byte stream into frames ({@code int32 length}, then that many bytes) and
 * decodes each with the {@link WireCodec}. Used on one connection's event loop only.
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

  private final WireCodec codec;
  private final int maxFrameBytes;
  private final Sink sink;
  private final RecordParser parser;
  private boolean expectingLength = true;
  private boolean stopped;

  FrameReader(WireCodec codec, int maxFrameBytes, Sink sink) {
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
    this.sink = sink;
    this.parser = RecordParser.newFixed(LENGTH_BYTES);
    this.parser.handler(this::onRecord);
  }

  @Override
  public void handle(Buffer data) {
    if (!stopped) {
      parser.handle(data);
    }
  }

  /** Ignores everything from now on (the connection is being closed). */
  void stop() {
    stopped = true;
  }

  private void onRecord(Buffer record) {
    if (stopped) {
      return; // the parser may still hold records of a buffer it received before the stop
    }
    if (expectingLength) {
      int length = record.getInt(0);
      if (length < TransportOptions.MIN_FRAME_BYTES || length > maxFrameBytes) {
        garbage("frame length " + length + " outside [" + TransportOptions.MIN_FRAME_BYTES + ", "
            + maxFrameBytes + "]");
        return;
      }
      expectingLength = false;
      parser.fixedSizeMode(length);
      return;
    }
    expectingLength = true;
    parser.fixedSizeMode(LENGTH_BYTES);
    Envelope envelope;
    try {
      byte[] body = record.getBytes();
      envelope = codec.decodeFrame(body, 0, body.length);
    } catch (RuntimeException e) {
      // WireFormatException mostly, but a decoder bug must not escape into Netty either
      garbage("undecodable frame: " + e.getMessage());
      return;
    }
    sink.onFrame(envelope);
  }

  private void garbage(String reason) {
    stopped = true;
    sink.onGarbage(reason);
  }
}
