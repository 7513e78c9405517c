package io.cairn.client;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ClientHello;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.Hello;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A stand-in for a node's client port: answers the hello, then each request as the test scripts
 * it: a reply, silence, or hanging up.
 */
final class ScriptedFrameServer implements AutoCloseable {

  /** What to do with one request. */
  sealed interface Action permits Reply, Silence, HangUp {}

  record Reply(WireMessage message) implements Action {}

  record Silence() implements Action {}

  record HangUp() implements Action {}

  private final WireCodec codec = new WireCodec();
  private final ServerSocket server;
  private final AtomicReference<Function<WireMessage, Action>> script = new AtomicReference<>();
  final List<WireMessage> received = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  ScriptedFrameServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "scripted-frame-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void script(Function<WireMessage, Action> s) {
    script.set(s);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        Envelope e = codec.decodeFrame(body, 0, length);
        if (e.message() instanceof ClientHello) {
          out.write(codec.encodeFrame(new Envelope(0, new Hello(NodeId.of("n1"), WireCodec.VERSION, 1))));
          continue;
        }
        received.add(e.message());
        Action a = script.get().apply(e.message());
        if (a instanceof Reply r) {
          out.write(codec.encodeFrame(new Envelope(e.correlationId(), r.message())));
        } else if (a instanceof HangUp) {
          return;
        }
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
