package io.cairn.node.adapter.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.cairn.node.core.Metrics;
import java.util.function.LongSupplier;

/** The core's metrics on a Dropwizard registry, which the HTTP API exports as Prometheus text. */
public final class DropwizardMetrics implements Metrics {

  private final MetricRegistry registry;

  public DropwizardMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  public MetricRegistry registry() {
    return registry;
  }

  @Override
  public Counter counter(String name) {
    com.codahale.metrics.Counter c = registry.counter(name);
    return new Counter() {
      @Override
      public void inc(long n) {
        c.inc(n);
      }

      @Override
      public long count() {
        return c.getCount();
      }
    };
  }

  @Override
  public Timer timer(String name) {
    com.codahale.metrics.Timer t = registry.timer(name);
    return () -> t.time()::stop;
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    registry.register(name, (Gauge<Long>) value::getAsLong);
  }
}
