package io.cairn.node.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on a {@link ScheduledExecutorService}, for tools and tests outside Vert.x. */
public final class ExecutorScheduler implements Scheduler {

  private final ScheduledExecutorService executor;

  public ExecutorScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    var f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public Cancellable every(Duration period, Runnable task) {
    var f = executor.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }
}
