package io.cairn.storage.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@link PutGetWorkload} as sampled per-operation latency, for its percentiles. A separate class
 * rather than a second mode of one class, because the two want different output units.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PutGetLatencyBenchmark extends PutGetWorkload {}
