package io.cairn.storage.bench;

import io.cairn.storage.Durability;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link ChronicleMapEngine#open} takes on a store of {@link Dataset#KEYS} keys in
 * {@link Dataset#PARTITIONS} partitions: after a clean close, and after an unclean stop, simulated
 * by removing the clean-shutdown marker so that every map goes through Chronicle's recovery. (A real
 * crash in fsync mode would also replay up to one checkpoint interval of log; that is not included.)
 * The files stay in the page cache between iterations: this is a warm-cache restart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
public class StartupBenchmark {

  /** The name {@link ChronicleMapEngine} gives its marker; private there, so repeated here. */
  private static final String CLEAN_MARKER = "clean-shutdown";

  @Param({"clean", "unclean"})
  public String shutdown;

  @Param({"mmap", "fsync"})
  public String durability;

  private Path dir;
  private ChronicleStorageConfig config;
  private ChronicleMapEngine opened;

  @Setup(Level.Trial)
  public void load() {
    BenchEnvironment.requireChronicleFlags();
    dir = BenchEnvironment.freshDirectory("startup-" + shutdown + "-" + durability);
    Dataset.create().loadInto(dir);
    DiskUsage.print(Dataset.KEYS + " keys", dir);
    config = ChronicleStorageConfig.defaults(dir, Durability.fromConfigName(durability));
  }

  @Setup(Level.Iteration)
  public void stop() {
    if (shutdown.equals("unclean")) {
      try {
        Files.delete(dir.resolve(CLEAN_MARKER));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  public ChronicleMapEngine open() {
    opened = ChronicleMapEngine.open(config);
    return opened;
  }

  /** Also checks that the open took the path this trial claims to measure. */
  @TearDown(Level.Iteration)
  public void close() {
    boolean expected = shutdown.equals("unclean");
    boolean recovered = opened.recoveredFromCrash();
    opened.close();
    if (recovered != expected) {
      throw new IllegalStateException("expected recoveredFromCrash=" + expected + ", was " + recovered);
    }
  }

  @TearDown(Level.Trial)
  public void delete() {
    BenchEnvironment.deleteRecursively(dir);
  }
}
