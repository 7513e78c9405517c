package io.cairn.storage.bench;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.Durability;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of creating {@link Dataset#PARTITIONS} partition maps from nothing: the first put into
 * each partition of an empty engine is what creates its map file. This is what a node pays when it
 * starts owning partitions, and decides whether one map per partition is affordable. Run with
 * {@code -wi 0 -i 1 -f N} to see the first creation in a fresh JVM, when Chronicle also generates
 * and compiles its code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class MapCreationBenchmark {

  private final BucketKey key = BucketKey.of("bench", "first");
  private final byte[] value = new byte[Dataset.VALUE_BYTES];
  private Path dir;
  private ChronicleMapEngine engine;
  private boolean reported;

  @Setup(Level.Iteration)
  public void openEmpty() {
    BenchEnvironment.requireChronicleFlags();
    dir = BenchEnvironment.freshDirectory("map-creation");
    engine = ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, Durability.MMAP));
  }

  @Benchmark
  public ChronicleMapEngine createAllPartitionMaps() {
    for (int p = 0; p < Dataset.PARTITIONS; p++) {
      engine.put(p, key, value);
    }
    return engine;
  }

  @TearDown(Level.Iteration)
  public void delete() {
    engine.close();
    if (!reported) {
      DiskUsage.print(Dataset.PARTITIONS + " new maps holding one key each", dir);
      reported = true;
    }
    BenchEnvironment.deleteRecursively(dir);
  }
}
