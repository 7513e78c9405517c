package io.cairn.storage.bench;

import io.cairn.storage.Durability;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Puts and gets of 1 KB values on random keys of a store pre-loaded with {@link Dataset#KEYS} keys
 * in {@link Dataset#PARTITIONS} partitions; puts overwrite existing keys, so the store neither grows
 * nor shrinks while measured. The subclasses choose how it is measured (throughput, or sampled
 * latency for percentiles); the thread counts are separate methods so that one run gives the table.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public abstract class PutGetWorkload {

  @Param({"mmap", "fsync"})
  public String durability;

  private Dataset dataset;
  private Path dir;
  private ChronicleMapEngine engine;

  /** Each thread's own random keys and value, so threads share nothing but the engine. */
  @State(Scope.Thread)
  public static class Cursor {
    private SplittableRandom random;
    private byte[] value;

    @Setup(Level.Trial)
    public void setUp() {
      random = new SplittableRandom();
      value = Dataset.randomValue(random);
    }

    int nextKey() {
      return random.nextInt(Dataset.KEYS);
    }
  }

  @Setup(Level.Trial)
  public void load() {
    BenchEnvironment.requireChronicleFlags();
    dataset = Dataset.create();
    dir = BenchEnvironment.freshDirectory(getClass().getSimpleName() + "-" + durability);
    dataset.loadInto(dir);
    engine = ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, Durability.fromConfigName(durability)));
  }

  @TearDown(Level.Trial)
  public void delete() {
    engine.close();
    BenchEnvironment.deleteRecursively(dir);
  }

  @Benchmark
  @Threads(1)
  public void putOneThread(Cursor cursor) {
    put(cursor);
  }

  @Benchmark
  @Threads(2)
  public void putTwoThreads(Cursor cursor) {
    put(cursor);
  }

  @Benchmark
  @Threads(1)
  public byte[] getOneThread(Cursor cursor) {
    return get(cursor);
  }

  @Benchmark
  @Threads(2)
  public byte[] getTwoThreads(Cursor cursor) {
    return get(cursor);
  }

  private void put(Cursor cursor) {
    int i = cursor.nextKey();
    engine.put(dataset.partitions[i], dataset.keys[i], cursor.value);
  }

  /** orElseThrow: every key was loaded, so a miss means the benchmark measures the wrong thing. */
  private byte[] get(Cursor cursor) {
    int i = cursor.nextKey();
    return engine.get(dataset.partitions[i], dataset.keys[i]).orElseThrow();
  }
}
