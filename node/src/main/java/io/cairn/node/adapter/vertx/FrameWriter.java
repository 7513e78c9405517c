package io.cairn.node.adapter.vertx;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces the frames written to one connection during an event-loop turn into a single socket
 * write. Used on the connection's context only.
 *
 * <p>Each {@code NetSocket.write} is a Netty write and flush, i.e. a syscall. Under load many
 * requests (or replies) are queued in one turn, so the first frame of a turn starts a batch and
 * schedules a flush with {@code runOnContext}; that task runs after the tasks already queued, so
 * every frame written meanwhile joins the batch. A batch is written early once it reaches {@link
 * #FLUSH_BYTES}, so a burst never builds one giant write.
 *
 * <p>The batch is kept as the frames' own arrays and copied once, at the flush, into a pooled
 * direct buffer of exactly its size, which Netty writes and then releases. (Copying frames into a
 * growing heap buffer, which the socket then copied again into direct memory, was a sixth of a
 * node's allocation under load.) A frame handed to {@link #write} must not be changed afterwards.
 */
final class FrameWriter {

  static final int FLUSH_BYTES = 64 * 1024;

  private final Context context;
  private final NetSocketInternal socket;
  private final List<byte[]> batch = new ArrayList<>();
  private int batchBytes;
  private boolean flushScheduled;
  private boolean closed;

  FrameWriter(Context context, NetSocket socket) {
    this.context = context;
    // every Vert.x TCP socket is one; its raw side lets Netty own (and release) the batch buffer
    this.socket = (NetSocketInternal) socket;
  }

  /** Queues a complete frame (length prefix included). Frames written after close are dropped. */
  void write(byte[] frame) {
    if (closed) {
      return;
    }
    batch.add(frame);
    batchBytes += frame.length;
    if (batchBytes >= FLUSH_BYTES) {
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
    if (batch.isEmpty() || closed) {
      return;
    }
    ByteBuf out = socket.channelHandlerContext().alloc().directBuffer(batchBytes);
    for (byte[] frame : batch) {
      out.writeBytes(frame);
    }
    // Netty releases it once written, or when the write fails; failures surface as the socket's
    // close, which fails the requests
    socket.writeMessage(out);
    batch.clear();
    batchBytes = 0;
  }

  /** Drops anything not yet written; the socket itself is closed by the owner. */
  void close() {
    closed = true;
    batch.clear();
    batchBytes = 0;
  }
}
