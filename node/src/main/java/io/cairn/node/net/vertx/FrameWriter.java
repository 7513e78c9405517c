package io.cairn.node.net.vertx;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * Coalesces the frames written to one connection during an event-loop turn into a single socket
 * write. Used on the connection's context only.
 *
 * <p>Each {@code NetSocket.write} is a Netty write and flush, i.e. a syscall. Under load many
 * requests (or replies) are queued in one turn, so the first frame of a turn starts a batch and
 * schedules a flush with {@code runOnContext}; that task runs after the tasks already queued, so
 * every frame written meanwhile joins the batch. A batch is written early once it reaches {@link
 * #FLUSH_BYTES}, so a burst never builds one giant buffer. Cost: one copy of each frame into the
 * batch, which is cheap next to a syscall per frame.
 */
final class FrameWriter {

  static final int FLUSH_BYTES = 64 * 1024;

  private final Context context;
  private final NetSocket socket;
  private Buffer batch;
  private boolean flushScheduled;
  private boolean closed;

  FrameWriter(Context context, NetSocket socket) {
    this.context = context;
    this.socket = socket;
  }

  /** Queues a complete frame (length prefix included). Frames written after close are dropped. */
  void write(byte[] frame) {
    if (closed) {
      return;
    }
    if (batch == null) {
      batch = Buffer.buffer(Math.max(256, Math.min(frame.length * 2, FLUSH_BYTES)));
    }
    batch.appendBytes(frame);
    if (batch.length() >= FLUSH_BYTES) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> {
        flushScheduled = false;
        flush();
      });
    }
  }

  void flush() {
    if (batch != null && !closed) {
      Buffer out = batch;
      batch = null;
      socket.write(out); // failures surface as the socket's close, which fails the requests
    }
  }

  /** Drops anything not yet written; the socket itself is closed by the owner. */
  void close() {
    closed = true;
    batch = null;
  }
}
