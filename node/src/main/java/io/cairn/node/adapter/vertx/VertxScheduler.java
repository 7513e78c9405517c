package io.cairn.node.adapter.vertx;

import io.cairn.node.core.Scheduler;
import io.vertx.core.Vertx;
import java.time.Duration;

/** The core's {@link Scheduler} on Vert.x timers (the callbacks run on an event loop). */
public final class VertxScheduler implements Scheduler {

  private final Vertx vertx;

  public VertxScheduler(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
    return () -> vertx.cancelTimer(id);
  }

  @Override
  public Cancellable every(Duration period, Runnable task) {
    long id = vertx.setPeriodic(Math.max(1, period.toMillis()), t -> task.run());
    return () -> vertx.cancelTimer(id);
  }
}
