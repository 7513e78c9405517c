package io.cairn.node.core;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The metrics the node's core records, behind a small facade so the core depends on no metrics
 * library: a node binds it to Dropwizard (exported as Prometheus text), the simulator to plain
 * counters. Names are dotted ({@code cairn.hints.pending}); exporters translate them.
 */
public interface Metrics {

  /** A monotonically increasing count. */
  Counter counter(String name);

  /** Latencies of one kind of operation. */
  Timer timer(String name);

  /** A value read when the metrics are exported. */
  void gauge(String name, LongSupplier value);

  interface Counter {
    void inc(long n);

    default void inc() {
      inc(1);
    }

    long count();
  }

  interface Timer {
    /** Starts timing one operation; stop the returned handle when it ends. */
    Timing start();
  }

  @FunctionalInterface
  interface Timing {
    void stop();
  }

  /** Counts but exports nothing: for the simulator and tests. */
  static Metrics counting() {
    return new Metrics() {
      @Override
      public Counter counter(String name) {
        LongAdder adder = new LongAdder();
        return new Counter() {
          @Override
          public void inc(long n) {
            adder.add(n);
          }

          @Override
          public long count() {
            return adder.sum();
          }
        };
      }

      @Override
      public Timer timer(String name) {
        return () -> () -> { };
      }

      @Override
      public void gauge(String name, LongSupplier value) { }
    };
  }
}
