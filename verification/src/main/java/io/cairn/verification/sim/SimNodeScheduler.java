package io.cairn.verification.sim;

import io.cairn.node.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The {@link Scheduler} and the background executor one node incarnation sees: timers and
 * background tasks become events of the shared {@link SimScheduler}, run only while the
 * incarnation lives. Background work starts after a seeded delay of 0-2 ms, so scans interleave
 * with message handling in different orders on different seeds, as threads would.
 */
final class SimNodeScheduler implements Scheduler, Executor {

  private final SimScheduler sim;
  private final Incarnation life;
  private final SimRandom random;

  SimNodeScheduler(SimScheduler sim, Incarnation life, SimRandom random) {
    this.sim = sim;
    this.life = life;
    this.random = random;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = new boolean[1];
    sim.after(delay.toMillis(), () -> {
      if (!cancelled[0] && life.alive()) {
        task.run();
      }
    });
    return () -> cancelled[0] = true;
  }

  @Override
  public Cancellable every(Duration period, Runnable task) {
    boolean[] cancelled = new boolean[1];
    long ms = Math.max(1, period.toMillis());
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> {
      if (cancelled[0] || !life.alive()) {
        return;
      }
      task.run();
      sim.after(ms, tick[0]);
    };
    sim.after(ms, tick[0]);
    return () -> cancelled[0] = true;
  }

  @Override
  public void execute(Runnable command) {
    sim.after(random.between(0, 2), () -> {
      if (life.alive()) {
        command.run();
      }
    });
  }
}
