package io.cairn.node.adapter.http;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.assembly.NodeCore;
import java.util.function.BooleanSupplier;

/**
 * What the HTTP API needs from the node.
 *
 * @param core the node's core: its client front door, bucket properties, ring and local reads
 * @param metrics the registry exported as Prometheus text on {@code /metrics}
 * @param ready whether the node has started (and not begun to stop)
 * @param limits bounds on what clients can make the server hold
 */
public record HttpDeps(NodeCore core, MetricRegistry metrics, BooleanSupplier ready, HttpLimits limits) {

  /** With the default {@link HttpLimits}. */
  public HttpDeps(NodeCore core, MetricRegistry metrics, BooleanSupplier ready) {
    this(core, metrics, ready, HttpLimits.defaults());
  }

  /** Bodies above the core's value limit are refused with 413 while they arrive. */
  public int maxValueBytes() {
    return core.options().maxValueBytes();
  }
}
