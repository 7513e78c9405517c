package io.cairn.client;

import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * {@link CairnBinaryClient.ConnectionMode#PIPELINED}: a few {@link BinaryConnection}s per node,
 * shared by every calling thread and handed out round-robin so that consecutive requests go to
 * different nodes. A slot whose connection broke reconnects on its next use. A node that refused a
 * connection is skipped for {@code reconnectBackoff}, and a request whose node cannot be reached
 * tries the next one: nothing was sent, so moving on is safe.
 */
final class ConnectionPool implements RequestPath {

  private final HostRotation hosts;
  private final WireCodec codec;
  private final Duration connectTimeout;
  private final int maxInFlight;
  private final Slot[] slots; // slot i belongs to host i % hosts.size()
  private volatile boolean closed;

  private static final class Slot {
    volatile BinaryConnection connection;
  }

  ConnectionPool(List<InetSocketAddress> hosts, int connectionsPerHost, WireCodec codec, Duration connectTimeout,
          Duration reconnectBackoff, int maxInFlight) {
    this.hosts = new HostRotation(hosts, reconnectBackoff);
    this.codec = codec;
    this.connectTimeout = connectTimeout;
    this.maxInFlight = maxInFlight;
    this.slots = new Slot[hosts.size() * connectionsPerHost];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot();
    }
  }

  @Override
  public WireMessage call(WireMessage request, Duration timeout) {
    return connection().call(request, timeout);
  }

  /**
   * An open connection, the next in turn.
   *
   * @throws NotAppliedException when no node can be reached
   */
  BinaryConnection connection() {
    if (closed) {
      throw new NotAppliedException(0, "client closed", null);
    }
    int start = hosts.nextStart(slots.length);
    NotAppliedException lastFailure = null;
    for (int i = 0; i < slots.length; i++) {
      int index = (start + i) % slots.length;
      BinaryConnection c = slots[index].connection;
      if (c != null && c.isOpen()) {
        return c;
      }
      int host = index % hosts.size();
      if (hosts.isBackingOff(host)) {
        continue;
      }
      try {
        return connect(slots[index], host);
      } catch (NotAppliedException e) {
        hosts.refused(host);
        lastFailure = e;
      }
    }
    throw hosts.noneReachable(lastFailure);
  }

  private BinaryConnection connect(Slot slot, int host) {
    synchronized (slot) { // one connect per slot; the threads that wait get its result
      BinaryConnection c = slot.connection;
      if (c != null && c.isOpen()) {
        return c;
      }
      c = BinaryConnection.open(hosts.address(host), codec, connectTimeout, maxInFlight);
      hosts.connected(host);
      slot.connection = c;
      if (closed) {
        c.close("client closed");
      }
      return c;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Slot s : slots) {
      BinaryConnection c = s.connection;
      if (c != null) {
        c.close("client closed");
      }
    }
  }
}
