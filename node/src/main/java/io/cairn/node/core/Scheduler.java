package io.cairn.node.core;

import java.time.Duration;

/**
 * Timers, as the core sees them: Vert.x timers in a node, simulated time in the simulator. The
 * core never sleeps or starts threads of its own.
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} every {@code period}, first after one period. */
  Cancellable every(Duration period, Runnable task);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
