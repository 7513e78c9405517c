package io.cairn.client;

import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireFormatException;
import io.cairn.protocol.wire.WireMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to a node's client port: frames as in docs/wire.md, requests pipelined under
 * correlation ids, replies matched to them by a reader thread.
 *
 * <p><b>Writes</b> from many threads are combined: a caller queues its frame, and whichever caller
 * finds no write in progress writes everything queued so far with one gathering write; the others
 * return at once. Under load one syscall carries many requests, and no thread is dedicated to
 * writing.
 *
 * <p><b>What a failure means.</b> Each request records whether its frame was taken for writing.
 * When the connection breaks, requests never taken fail with {@link NotAppliedException} (the node
 * never saw them); requests taken may have reached the node and fail with {@link
 * IndeterminateException}. A request abandoned by its caller (timeout) before it was taken is never
 * written.
 *
 * <p>The reader thread blocks in {@code read}: an idle connection costs no CPU.
 */
final class BinaryConnection {

  static final String AGENT = "cairn-java";
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final int MIN_FRAME_BYTES = 9;

  private final InetSocketAddress address;
  private final SocketChannel channel;
  private final WireCodec codec;
  private final int maxInFlight;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Queue<Pending> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private volatile String closedBecause; // null while open

  /** A request from being queued to its reply. */
  private static final class Pending {
    static final int QUEUED = 0;
    static final int WRITTEN = 1;
    static final int ABANDONED = 2;

    final byte[] frame;
    final CompletableFuture<WireMessage> reply = new CompletableFuture<>();
    final AtomicInteger state = new AtomicInteger(QUEUED);

    Pending(byte[] frame) {
      this.frame = frame;
    }
  }

  private BinaryConnection(InetSocketAddress address, SocketChannel channel, WireCodec codec, int maxInFlight) {
    this.address = address;
    this.channel = channel;
    this.codec = codec;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Connects and completes the handshake (our {@link ClientHello}, the node's {@link Hello}).
   *
   * @throws NotAppliedException if the node cannot be reached, does not answer in time, or speaks
   *                             another wire version
   */
  static BinaryConnection open(InetSocketAddress address, WireCodec codec, Duration connectTimeout, int maxInFlight) {
    SocketChannel channel = connect(address, connectTimeout);
    BinaryConnection c = new BinaryConnection(address, channel, codec, maxInFlight);
    Thread reader = new Thread(c::readLoop, "cairn-client-reader-" + address);
    reader.setDaemon(true);
    reader.start();
    c.handshake(connectTimeout);
    return c;
  }

  private void handshake(Duration timeout) {
    try {
      writeFully(new ByteBuffer[] {ByteBuffer.wrap(codec.encodeFrame(
          new Envelope(0, new ClientHello(WireCodec.VERSION, AGENT))))});
      requireOurVersion(hello.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("interrupted during the handshake");
      throw new NotAppliedException(0, "interrupted while connecting to " + address, e);
    } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
      String why = e instanceof TimeoutException ? "no hello within " + timeout.toMillis() + " ms"
          : e instanceof ExecutionException ? e.getCause().getMessage() : e.toString();
      close("handshake failed: " + why);
      throw new NotAppliedException(0, "handshake with " + address + " failed: " + why, e);
    }
  }

  InetSocketAddress address() {
    return address;
  }

  boolean isOpen() {
    return closedBecause == null;
  }

  /**
   * Sends a request and waits for its reply.
   *
   * @throws NotAppliedException    the request was not sent (connection closed, too many in flight)
   * @throws IndeterminateException it was sent, and no reply came in time or the connection broke
   */
  WireMessage call(WireMessage request, Duration timeout) {
    long id = nextId.incrementAndGet();
    byte[] frame = codec.encodeFrame(new Envelope(id, request)); // may throw WireFormatException: caller's
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      throw new NotAppliedException(503, "too many requests in flight on the connection to " + address
          + " (" + maxInFlight + ")", null);
    }
    Pending p = new Pending(frame);
    try {
      pending.put(id, p);
      String closed = closedBecause;
      if (closed != null) {
        throw new NotAppliedException(0, "connection to " + address + " is closed: " + closed, null);
      }
      outbox.add(p);
      drain();
      return await(p, timeout);
    } finally {
      pending.remove(id);
      inFlight.decrementAndGet();
    }
  }

  private WireMessage await(Pending p, Duration timeout) {
    try {
      return p.reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw (CairnException) e.getCause(); // only ever completed with ours
    } catch (TimeoutException e) {
      if (p.state.compareAndSet(Pending.QUEUED, Pending.ABANDONED)) {
        throw new NotAppliedException(0, "not sent to " + address + " within " + timeout.toMillis() + " ms", e);
      }
      throw new IndeterminateException(0, "no answer from " + address + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (p.state.compareAndSet(Pending.QUEUED, Pending.ABANDONED)) {
        throw new NotAppliedException(0, "interrupted before sending", e);
      }
      throw new IndeterminateException(0, "interrupted", e);
    }
  }

  /** Writes everything queued, unless another thread is already doing so (it will pick ours up). */
  private void drain() {
    while (!outbox.isEmpty() && writing.compareAndSet(false, true)) {
      try {
        List<ByteBuffer> batch = new ArrayList<>();
        int bytes = 0;
        Pending p;
        while (bytes < FLUSH_BYTES && (p = outbox.poll()) != null) {
          if (p.state.compareAndSet(Pending.QUEUED, Pending.WRITTEN)) {
            batch.add(ByteBuffer.wrap(p.frame));
            bytes += p.frame.length;
          }
        }
        if (!batch.isEmpty() && closedBecause == null) {
          writeFully(batch.toArray(new ByteBuffer[0]));
        }
      } catch (IOException e) {
        close("write failed: " + e);
      } finally {
        writing.set(false);
      }
    }
  }

  private void writeFully(ByteBuffer[] buffers) throws IOException {
    ByteBuffer last = buffers[buffers.length - 1];
    while (last.hasRemaining()) {
      channel.write(buffers);
    }
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(FLUSH_BYTES);
    try {
      while (true) {
        if (channel.read(buf) < 0) {
          close("closed by the node");
          return;
        }
        buf.flip();
        int needed = 0;
        while (buf.remaining() >= 4) {
          int length = buf.getInt(buf.position());
          if (length < MIN_FRAME_BYTES || length > WireCodec.MAX_FRAME_BYTES) {
            close("bad frame length " + length + " from the node");
            return;
          }
          if (buf.remaining() < 4 + length) {
            needed = 4 + length;
            break;
          }
          Envelope envelope = codec.decodeFrame(buf.array(), buf.arrayOffset() + buf.position() + 4, length);
          buf.position(buf.position() + 4 + length);
          deliver(envelope);
        }
        buf.compact();
        if (needed > buf.capacity()) {
          ByteBuffer bigger = ByteBuffer.allocate(needed);
          buf.flip();
          bigger.put(buf);
          buf = bigger;
        }
      }
    } catch (IOException e) {
      close("connection lost: " + e);
    } catch (WireFormatException e) {
      close("undecodable frame from the node: " + e.getMessage());
    } catch (RuntimeException e) {
      close("reader failed: " + e);
    }
  }

  private void deliver(Envelope envelope) {
    long id = envelope.correlationId();
    if (id == 0) {
      if (envelope.message() instanceof Hello h && !hello.isDone()) {
        hello.complete(h);
      } else {
        close("unexpected " + envelope.message().getClass().getSimpleName() + " without a request");
      }
      return;
    }
    Pending p = pending.get(id);
    if (p != null) { // null: a late reply to a request whose caller gave up
      p.reply.complete(envelope.message());
    }
  }

  /** Closes the connection and fails what waits on it, each as it deserves. */
  void close(String reason) {
    synchronized (this) {
      if (closedBecause != null) {
        return;
      }
      closedBecause = reason;
    }
    closeQuietly(channel);
    hello.completeExceptionally(new IllegalStateException(reason));
    for (Pending p : pending.values()) {
      if (p.state.compareAndSet(Pending.QUEUED, Pending.ABANDONED)) {
        p.reply.completeExceptionally(new NotAppliedException(0,
            "connection to " + address + " closed before the request was sent: " + reason, null));
      } else {
        p.reply.completeExceptionally(new IndeterminateException(0,
            "connection to " + address + " lost after the request was sent: " + reason, null));
      }
    }
  }

  /** Refuses a node that speaks another wire version (either kind of connection's handshake). */
  static void requireOurVersion(Hello h) {
    if (h.wireVersion() != WireCodec.VERSION) {
      throw new IllegalStateException("node " + h.from() + " speaks wire version " + h.wireVersion()
          + ", this client " + WireCodec.VERSION);
    }
  }

  /**
   * A blocking socket to a node's client port, for either kind of connection.
   *
   * @throws NotAppliedException if it cannot be opened within {@code timeout}
   */
  static SocketChannel connect(InetSocketAddress address, Duration timeout) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.socket().setTcpNoDelay(true); // small frames must not wait for Nagle; we batch ourselves
      channel.socket().connect(address, (int) Math.max(1, timeout.toMillis()));
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw new NotAppliedException(0, "cannot connect to " + address + ": " + e, e);
    }
  }

  static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
