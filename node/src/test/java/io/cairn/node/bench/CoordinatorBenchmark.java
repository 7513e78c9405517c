package io.cairn.node.bench;

import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.node.coordinator.PutResult;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import java.time.Duration;
import java.util.Random;
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
 * The coordinator path without HTTP or TCP: three node cores on the in-memory {@code LocalNetwork}
 * (the wiring of the multi-node tests' {@link LocalCluster}: real coordinator, replica service,
 * wire codec on every message, in-memory storage), N=3, R=W=2. A put carries the context of the
 * key's previous put (so siblings do not pile up) and a 1 KB value; a get reads one of the written
 * keys. One request in flight per benchmark thread; the figure is the end-to-end time per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CoordinatorBenchmark {
  private static final int KEYS = 1_000;

  private LocalCluster cluster;
  private final VersionVector[] contexts = new VersionVector[KEYS];
  private final BucketKey[] keys = new BucketKey[KEYS];
  private final Sibling value = Sibling.of(new byte[1024], "application/octet-stream", 1);

  @Setup(Level.Trial)
  public void setup() throws Exception {
    cluster = new LocalCluster(3, 64, Duration.ofSeconds(5), 1024);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = BucketKey.of("bench", "key" + i);
      contexts[i] = VersionVector.empty();
      put(i);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    cluster.close();
  }

  /** Per-thread request counter and random ids. */
  @State(Scope.Thread)
  public static class Cursor {
    final Random random = new Random();
    int next;
  }

  private PutResult put(int i) throws Exception {
    PutResult result = cluster.node("n" + (1 + i % 3)).coordinator()
        .put(new CoordinatePut(RequestId.random(new Random(i * 31L + System.nanoTime())), keys[i], contexts[i], value, 2, 0, 0))
        .get(10, TimeUnit.SECONDS);
    if (result.outcome() != QuorumOutcome.OK) {
      throw new IllegalStateException("put failed: " + result);
    }
    contexts[i] = result.object().context();
    return result;
  }

  @Benchmark
  public PutResult put(Cursor cursor) throws Exception {
    int i = Math.floorMod(cursor.next++, KEYS);
    // with several threads two may race on a key: a sibling then appears, as it would in production
    PutResult result = cluster.node("n" + (1 + i % 3)).coordinator()
        .put(new CoordinatePut(RequestId.random(cursor.random), keys[i], contexts[i], value, 2, 0, 0))
        .get(10, TimeUnit.SECONDS);
    contexts[i] = result.object().context();
    return result;
  }

  @Benchmark
  public GetResult get(Cursor cursor) throws Exception {
    int i = Math.floorMod(cursor.next++, KEYS);
    return cluster.node("n" + (1 + i % 3)).coordinator()
        .get(new CoordinateGet(RequestId.random(cursor.random), keys[i], 2, 0, 0))
        .get(10, TimeUnit.SECONDS);
  }
}
