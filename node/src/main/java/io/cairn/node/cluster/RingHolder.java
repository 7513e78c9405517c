package io.cairn.node.cluster;

import io.cairn.protocol.ring.Ring;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ring this node routes by. Membership is static for now, but the ring is replaced as a whole,
 * by epoch: a newer ring (from a join, a leave or gossip) swaps in atomically, an older one is
 * ignored, so readers always see one consistent ring.
 */
public final class RingHolder {

  private final AtomicReference<Placement> current;

  public RingHolder(Ring initial) {
    this.current = new AtomicReference<>(new Placement(Objects.requireNonNull(initial, "initial")));
  }

  public Ring ring() {
    return current.get().ring();
  }

  /** The current ring with its cached lookups; take it once per request and use it throughout. */
  public Placement placement() {
    return current.get();
  }

  /** Installs {@code next} if its epoch is newer; returns whether it was installed. */
  public boolean offer(Ring next) {
    Objects.requireNonNull(next, "next");
    while (true) {
      Placement nowPlacement = current.get();
      Ring now = nowPlacement.ring();
      if (next.epoch() <= now.epoch()) {
        return false;
      }
      if (next.partitionCount() != now.partitionCount()) {
        throw new IllegalArgumentException(
            "ring epoch " + next.epoch() + " has " + next.partitionCount() + " partitions; this cluster has "
                + now.partitionCount() + " (fixed at creation)");
      }
      if (current.compareAndSet(nowPlacement, new Placement(next))) {
        return true;
      }
    }
  }
}
