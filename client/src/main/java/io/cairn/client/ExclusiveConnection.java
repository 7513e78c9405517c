package io.cairn.client;

import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A connection to a node's client port that serves one request at a time, on the caller's own
 * thread: it writes the request and reads the reply itself, in blocking socket calls.
 *
 * <p>Why: with a shared, pipelined connection ({@link BinaryConnection}) a reader thread takes each
 * reply and wakes the caller waiting for it, a futex wake and a context switch per request; on a
 * loaded 2-core machine those were ~20% of the client's CPU. Here the kernel wakes the caller
 * directly when its reply arrives, as with a JDBC or Jedis connection.
 *
 * <p>A read has no timeout of its own (a timed socket read costs a poll per read): the pool's
 * watchdog closes a connection whose caller has waited past its deadline ({@link #expireIfLate}),
 * which ends the blocked read. What a failure means follows {@link BinaryConnection}: nothing
 * written, {@link NotAppliedException}; anything written, {@link IndeterminateException}. A
 * connection that failed in any way is closed and never reused.
 */
final class ExclusiveConnection {

  private static final int MIN_FRAME_BYTES = 9;

  private final InetSocketAddress address;
  private final int host;
  private final SocketChannel channel;
  private final WireCodec codec;
  private ByteBuffer in = ByteBuffer.allocate(64 * 1024); // the owner's only; holds unread bytes
  private long nextId;
  private volatile long deadline; // System.nanoTime() by which the current request must be answered; 0 idle
  private volatile long timeoutMillis; // the current request's, for the watchdog's message
  private volatile String closedBecause; // null while open

  private ExclusiveConnection(InetSocketAddress address, int host, SocketChannel channel, WireCodec codec) {
    this.address = address;
    this.host = host;
    this.channel = channel;
    this.codec = codec;
    in.flip(); // empty, ready to read from
  }

  /**
   * Connects to the node the pool knows as {@code host} and completes the handshake (our {@link ClientHello}, the node's {@link Hello}) within
   * {@code connectTimeout}; the caller's watchdog must already know the connection (see {@code
   * register}), or a silent node holds the handshake forever.
   *
   * @throws NotAppliedException if the node cannot be reached, does not answer in time, or speaks
   *                             another wire version
   */
  static ExclusiveConnection open(InetSocketAddress address, int host, WireCodec codec, Duration connectTimeout,
                  Consumer<ExclusiveConnection> register) {
    SocketChannel channel = BinaryConnection.connect(address, connectTimeout);
    ExclusiveConnection c = new ExclusiveConnection(address, host, channel, codec);
    register.accept(c);
    try {
      c.timeoutMillis = connectTimeout.toMillis();
      c.deadline = deadlineAfter(connectTimeout);
      c.write(ByteBuffer.wrap(codec.encodeFrame(
          new Envelope(0, new ClientHello(WireCodec.VERSION, BinaryConnection.AGENT)))));
      Envelope reply = c.readFrame();
      if (!(reply.message() instanceof Hello h) || reply.correlationId() != 0) {
        throw new IOException("expected a hello, got " + reply.message().getClass().getSimpleName());
      }
      BinaryConnection.requireOurVersion(h);
      c.deadline = 0;
      return c;
    } catch (IOException | RuntimeException e) {
      String why = c.closedBecause != null ? c.closedBecause : e.toString();
      c.close("handshake failed: " + why);
      throw new NotAppliedException(0, "handshake with " + address + " failed: " + why, e);
    }
  }

  /** The pool's index of the node at the other end. */
  int host() {
    return host;
  }

  boolean isOpen() {
    return closedBecause == null;
  }

  /**
   * Sends a request and reads its reply; only one caller at a time.
   *
   * @throws NotAppliedException    nothing of the request was written
   * @throws IndeterminateException it was written, at least in part, and no reply came in time or
   *                                the connection broke
   */
  WireMessage call(WireMessage request, Duration timeout) {
    long id = ++nextId;
    byte[] frame = codec.encodeFrame(new Envelope(id, request)); // may throw WireFormatException: caller's
    timeoutMillis = timeout.toMillis();
    deadline = deadlineAfter(timeout);
    ByteBuffer out = ByteBuffer.wrap(frame);
    try {
      write(out);
    } catch (IOException | RuntimeException e) {
      deadline = 0;
      String why = failure(e);
      close(why);
      if (out.position() == 0) {
        throw new NotAppliedException(0, "not sent to " + address + ": " + why, e);
      }
      throw new IndeterminateException(0, "connection to " + address + " lost while sending: " + why, e);
    }
    try {
      Envelope reply = readFrame();
      if (reply.correlationId() != id) {
        throw new IOException("reply to request " + reply.correlationId() + " while waiting for " + id);
      }
      return reply.message();
    } catch (IOException | RuntimeException e) {
      String why = failure(e);
      close(why);
      throw new IndeterminateException(0, why.startsWith("no answer") ? why + " from " + address
          : "connection to " + address + " lost after the request was sent: " + why, e);
    } finally {
      deadline = 0;
    }
  }

  /** Why a socket call failed: the watchdog's reason when it closed the connection, else the error. */
  private String failure(Exception e) {
    String closed = closedBecause;
    return closed != null ? closed : e.toString();
  }

  /** Writes all of {@code out}; on failure its position tells how much was written. */
  private void write(ByteBuffer out) throws IOException {
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  /** Reads until one whole frame is buffered and decodes it. */
  private Envelope readFrame() throws IOException {
    int needed = 4;
    while (true) {
      if (in.remaining() >= 4) {
        int length = in.getInt(in.position());
        if (length < MIN_FRAME_BYTES || length > WireCodec.MAX_FRAME_BYTES) {
          throw new IOException("bad frame length " + length + " from the node");
        }
        if (in.remaining() >= 4 + length) {
          Envelope e = codec.decodeFrame(in.array(), in.arrayOffset() + in.position() + 4, length);
          in.position(in.position() + 4 + length);
          return e;
        }
        needed = 4 + length;
      }
      fill(needed);
    }
  }

  /** Reads more bytes, making room for a frame of {@code needed} bytes. */
  private void fill(int needed) throws IOException {
    in.compact(); // now in write mode
    if (in.capacity() < needed) {
      ByteBuffer bigger = ByteBuffer.allocate(needed);
      in.flip();
      bigger.put(in);
      in = bigger;
    }
    try {
      if (channel.read(in) < 0) {
        throw new IOException("closed by the node");
      }
    } finally {
      in.flip();
    }
  }

  /** Called by the pool's watchdog: closes the connection if its caller has waited too long. */
  void expireIfLate(long now) {
    long d = deadline;
    if (d != 0 && now - d > 0) {
      close("no answer within " + timeoutMillis + " ms");
    }
  }

  void close(String reason) {
    synchronized (this) {
      if (closedBecause != null) {
        return;
      }
      closedBecause = reason;
    }
    BinaryConnection.closeQuietly(channel); // ends a read blocked in another thread
  }

  private static long deadlineAfter(Duration timeout) {
    long d = System.nanoTime() + timeout.toNanos();
    return d == 0 ? 1 : d;
  }
}
