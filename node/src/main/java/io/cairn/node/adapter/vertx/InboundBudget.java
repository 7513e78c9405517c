package io.cairn.node.adapter.vertx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node-wide bound on bytes held for input that has not completed yet: frames cut by a chunk's end
 * on a port, request bodies still arriving over HTTP. Each connection may hold at most one
 * unfinished frame or body, itself bounded by a frame or value limit; this bounds their sum, so
 * that many connections each sending most of a large frame cannot exhaust the heap. Whoever would
 * take the budget past its limit is refused (and closes its connection); nobody waits for it.
 *
 * <p>Shared by every connection of one port, on any event loop: the count is atomic.
 */
public final class InboundBudget {

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  public InboundBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("budget must be >= 1 byte");
    }
    this.limit = limit;
  }

  /** Takes {@code bytes} from the budget, or nothing and false when they do not fit. */
  public boolean tryReserve(long bytes) {
    if (bytes <= 0) {
      return true;
    }
    while (true) {
      long now = held.get();
      if (now + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back bytes taken by {@link #tryReserve}. */
  public void release(long bytes) {
    if (bytes > 0) {
      held.addAndGet(-bytes);
    }
  }

  /** Bytes held now. */
  public long held() {
    return held.get();
  }

  public long limit() {
    return limit;
  }
}
