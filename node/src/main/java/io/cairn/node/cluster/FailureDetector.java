package io.cairn.node.cluster;

import io.cairn.node.core.Scheduler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Local failure detection over internode heartbeats: every interval this node sends a {@link
 * Heartbeat} to each peer, and every heartbeat received (and every heartbeat answered) feeds a
 * {@link PhiAccrualDetector}. {@link #isReachable} is the verdict the coordinator routes by.
 */
public final class FailureDetector implements Reachability {

  private final NodeId self;
  private final long incarnation;
  private final PhiAccrualDetector detector;
  private final Transport transport;
  private final Supplier<Collection<NodeId>> peers;
  private final LongSupplier monotonicMillis;
  private final LongSupplier wallMillis;
  private final Duration interval;

  public FailureDetector(NodeId self, long incarnation, PhiAccrualDetector detector, Transport transport,
      Supplier<Collection<NodeId>> peers, LongSupplier monotonicMillis, LongSupplier wallMillis, Duration interval) {
    this.self = self;
    this.incarnation = incarnation;
    this.detector = detector;
    this.transport = transport;
    this.peers = peers;
    this.monotonicMillis = monotonicMillis;
    this.wallMillis = wallMillis;
    this.interval = interval;
  }

  /** Starts beating on {@code scheduler}; cancel the handle to stop. */
  public Scheduler.Cancellable start(Scheduler scheduler) {
    return scheduler.every(interval, this::beat);
  }

  /** One round of heartbeats; an answer also counts as a sign of life of the peer. */
  void beat() {
    for (NodeId peer : peers.get()) {
      if (peer.equals(self)) {
        continue;
      }
      transport.request(peer, new Heartbeat(self, incarnation, wallMillis.getAsLong()), interval.multipliedBy(2))
          .thenAccept(reply -> {
            if (reply instanceof Heartbeat) {
              record(peer);
            }
          });
    }
  }

  /** Handles a heartbeat from a peer: records it and answers with one of ours. */
  public CompletableFuture<WireMessage> onHeartbeat(Heartbeat beat) {
    record(beat.from());
    return CompletableFuture.completedFuture(new Heartbeat(self, incarnation, wallMillis.getAsLong()));
  }

  private void record(NodeId peer) {
    synchronized (detector) {
      detector.heartbeat(peer, monotonicMillis.getAsLong());
    }
  }

  @Override
  public boolean isReachable(NodeId node) {
    if (node.equals(self)) {
      return true;
    }
    synchronized (detector) {
      return detector.isAvailable(node, monotonicMillis.getAsLong());
    }
  }

  public double phi(NodeId node) {
    synchronized (detector) {
      return detector.phi(node, monotonicMillis.getAsLong());
    }
  }
}
