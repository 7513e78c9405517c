package io.cairn.client;

import io.cairn.protocol.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A few {@link BinaryConnection}s per node, handed out round-robin so that consecutive requests go
 * to different nodes. A slot whose connection broke reconnects on its next use. A node that refused
 * a connection is skipped for {@code reconnectBackoff}, and a request whose node cannot be reached
 * tries the next one: nothing was sent, so moving on is safe.
 */
final class ConnectionPool {

    private final List<InetSocketAddress> hosts;
    private final WireCodec codec;
    private final Duration connectTimeout;
    private final Duration reconnectBackoff;
    private final int maxInFlight;
    private final Slot[] slots; // slot i belongs to hosts[i % hosts.size()]
    private final AtomicLongArray hostDownUntil; // System.nanoTime() deadline per host; 0 = up
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    private static final class Slot {
        volatile BinaryConnection connection;
    }

    ConnectionPool(List<InetSocketAddress> hosts, int connectionsPerHost, WireCodec codec, Duration connectTimeout,
                   Duration reconnectBackoff, int maxInFlight) {
        this.hosts = List.copyOf(hosts);
        this.codec = codec;
        this.connectTimeout = connectTimeout;
        this.reconnectBackoff = reconnectBackoff;
        this.maxInFlight = maxInFlight;
        this.slots = new Slot[hosts.size() * connectionsPerHost];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
        this.hostDownUntil = new AtomicLongArray(hosts.size());
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
        int start = Math.floorMod(next.getAndIncrement(), slots.length);
        NotAppliedException lastFailure = null;
        for (int i = 0; i < slots.length; i++) {
            int index = (start + i) % slots.length;
            BinaryConnection c = slots[index].connection;
            if (c != null && c.isOpen()) {
                return c;
            }
            int host = index % hosts.size();
            long downUntil = hostDownUntil.get(host);
            if (downUntil != 0 && System.nanoTime() - downUntil < 0) {
                continue;
            }
            try {
                return connect(slots[index], host);
            } catch (NotAppliedException e) {
                hostDownUntil.set(host, System.nanoTime() + reconnectBackoff.toNanos());
                lastFailure = e;
            }
        }
        throw lastFailure != null ? lastFailure
                : new NotAppliedException(0, "no node reachable; retrying each after " + reconnectBackoff.toMillis()
                        + " ms (nodes " + hosts + ")", null);
    }

    private BinaryConnection connect(Slot slot, int host) {
        synchronized (slot) { // one connect per slot; the threads that wait get its result
            BinaryConnection c = slot.connection;
            if (c != null && c.isOpen()) {
                return c;
            }
            c = BinaryConnection.open(hosts.get(host), codec, connectTimeout, maxInFlight);
            hostDownUntil.set(host, 0);
            slot.connection = c;
            if (closed) {
                c.close("client closed");
            }
            return c;
        }
    }

    void close() {
        closed = true;
        for (Slot s : slots) {
            BinaryConnection c = s.connection;
            if (c != null) {
                c.close("client closed");
            }
        }
    }
}
