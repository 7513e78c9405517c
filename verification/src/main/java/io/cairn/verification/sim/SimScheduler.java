package io.cairn.verification.sim;

import java.util.PriorityQueue;

/**
 * The simulated world's only thread of control: a queue of events ordered by (time, sequence).
 * Running an event may schedule more; time jumps straight to the next event, so a simulated
 * minute of idle heartbeats costs microseconds. Ties are broken by the order events were
 * scheduled, never by anything the JVM decides, which is what makes a run replayable.
 */
public final class SimScheduler {

  private record Event(long time, long seq, Runnable task) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long now;
  private long seq;
  private long executed;
  private Runnable guard = () -> { };

  /** Simulated milliseconds since the run began. */
  public long now() {
    return now;
  }

  /** Events run so far (a cost measure for the run). */
  public long executed() {
    return executed;
  }

  /** Runs {@code guard} every {@link SimBounds#MEASURE_EVERY_EVENTS} events; it may end the run by throwing. */
  void guardWith(Runnable guard) {
    this.guard = guard;
  }

  /** Runs {@code task} {@code delayMs} from now (0: after everything already due now). */
  public void after(long delayMs, Runnable task) {
    queue.add(new Event(now + Math.max(0, delayMs), seq++, task));
  }

  /** Runs events in order until the next one is later than {@code time}; then time is {@code time}. */
  public void runUntil(long time) {
    while (!queue.isEmpty() && queue.peek().time() <= time) {
      Event e = queue.poll();
      now = e.time();
      executed++;
      e.task().run();
      if (executed % SimBounds.MEASURE_EVERY_EVENTS == 0) {
        guard.run();
      }
    }
    now = Math.max(now, time);
  }
}
