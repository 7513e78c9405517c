package io.cairn.protocol.bench;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.DvvSet;
import io.cairn.protocol.causality.VersionVector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dotted version vector sets: {@code write} (a coordinator's new value with the client's context,
 * which replaces what it covers) and {@code sync} (a replica merging another replica's copy), with
 * {@code siblings} concurrent values from distinct actors already present.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DvvBenchmark {
  @Param({"1", "3"})
  public int siblings;

  private final Actor writer = Actor.of("n1", 1);
  private DvvSet<String> current;
  private VersionVector context;
  private DvvSet<String> otherReplica;

  @Setup
  public void setup() {
    DvvSet<String> set = DvvSet.empty();
    for (int i = 0; i < siblings; i++) {
      // each actor writes without having seen the others: concurrent siblings
      set = set.write(Actor.of("n" + (i + 1), 1), VersionVector.empty(), "v" + i);
    }
    current = set;
    context = set.context();
    // the other replica saw the same, then one more write by n2 that replaced everything
    otherReplica = set.write(Actor.of("n2", 1), set.context(), "newer");
  }

  @Benchmark
  public DvvSet<String> writeWithContext() {
    return current.write(writer, context, "next");
  }

  @Benchmark
  public DvvSet<String> blindWrite() {
    return current.write(writer, VersionVector.empty(), "blind");
  }

  @Benchmark
  public DvvSet<String> sync() {
    return current.sync(otherReplica);
  }
}
