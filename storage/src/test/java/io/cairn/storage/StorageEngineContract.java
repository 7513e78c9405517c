package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StorageEngine} passes. A subclass supplies the engine; the same
 * generated operation sequences, concurrency checks and partition checks run against each.
 */
public abstract class StorageEngineContract {

  /** A fresh, empty engine with at most {@code maxValueBytes} per value. */
  protected abstract StorageEngine newEngine(int maxValueBytes);

  protected static final int MAX_VALUE = 64 * 1024;

  protected StorageEngine engine;

  @BeforeEach
  void openEngine() {
    engine = newEngine(MAX_VALUE);
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  // ---- model-based property -------------------------------------------------------------------

  enum Kind { PUT, DELETE, UPDATE_APPEND, UPDATE_REMOVE, GET, DROP }

  record Op(Kind kind, int partition, int key, int size) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 12),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 64), Arbitraries.integers().between(0, 4096)))
            .as(Op::new);
    return op.list().ofMaxSize(40);
  }

  private static BucketKey key(int k) {
    return BucketKey.of(k % 2 == 0 ? "b" : "bucket-ü", "key-" + k);
  }

  private static byte[] value(Op op) {
    byte[] v = new byte[op.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (op.key() * 31 + i * 7 + op.partition());
    }
    return v;
  }

  /** Runs on one engine per property run: the engine is cleared between tries by dropping. */
  @Property(tries = 1000)
  void behavesLikeAMapOfMaps(@ForAll("operations") List<Op> ops) {
    StorageEngine e = sharedEngine();
    for (int p : e.partitions()) {
      e.dropPartition(p);
    }
    Map<Integer, Map<BucketKey, ByteBuffer>> model = new HashMap<>();
    for (Op op : ops) {
      BucketKey k = key(op.key());
      Map<BucketKey, ByteBuffer> part = model.computeIfAbsent(op.partition(), p -> new HashMap<>());
      switch (op.kind()) {
        case PUT -> {
          e.put(op.partition(), k, value(op));
          part.put(k, ByteBuffer.wrap(value(op)));
        }
        case DELETE -> assertThat(e.delete(op.partition(), k)).isEqualTo(part.remove(k) != null);
        case UPDATE_APPEND -> {
          byte[] next = e.update(op.partition(), k, cur -> append(cur, (byte) op.size()));
          ByteBuffer expected = ByteBuffer.wrap(append(bytes(part.get(k)), (byte) op.size()));
          part.put(k, expected);
          assertThat(next).isEqualTo(expected.array());
        }
        case UPDATE_REMOVE -> {
          assertThat(e.update(op.partition(), k, cur -> null)).isNull();
          part.remove(k);
        }
        case GET -> assertThat(e.get(op.partition(), k).map(ByteBuffer::wrap))
            .isEqualTo(Optional.ofNullable(part.get(k)));
        case DROP -> {
          e.dropPartition(op.partition());
          model.remove(op.partition());
        }
      }
    }
    // full comparison: get, scan and stats agree with the model
    for (int p = 0; p < 4; p++) {
      Map<BucketKey, ByteBuffer> expected = model.getOrDefault(p, Map.of());
      Map<BucketKey, ByteBuffer> scanned = new HashMap<>();
      try (PartitionScan scan = e.scan(p)) {
        while (scan.hasNext()) {
          PartitionScan.Entry entry = scan.next();
          assertThat(scanned.put(entry.key(), ByteBuffer.wrap(entry.value()))).isNull();
        }
      }
      assertThat(scanned).isEqualTo(expected);
      assertThat(e.stats(p).entries()).isEqualTo(expected.size());
      for (Map.Entry<BucketKey, ByteBuffer> en : expected.entrySet()) {
        assertThat(e.get(p, en.getKey()).map(ByteBuffer::wrap)).contains(en.getValue());
      }
    }
    Set<Integer> nonEmpty = new HashSet<>();
    model.forEach((p, m) -> { if (!m.isEmpty()) nonEmpty.add(p); });
    assertThat(e.partitions()).containsAll(nonEmpty);    // every value written verifies: the checksum framing never rejects a sound copy
    assertThat(e.checksumFailures()).isZero();
  }

  private static byte[] bytes(ByteBuffer b) {
    return b == null ? null : b.array();
  }

  private static byte[] append(byte[] current, byte b) {
    byte[] base = current == null ? new byte[0] : current;
    byte[] out = Arrays.copyOf(base, base.length + 1);
    out[base.length] = b;
    return out;
  }

  // One engine for all tries of the property (opening a persistent engine per try is slow).
  private static final Map<Class<?>, StorageEngine> SHARED = new HashMap<>();

  private StorageEngine sharedEngine() {
    synchronized (SHARED) {
      return SHARED.computeIfAbsent(getClass(), c -> newEngine(MAX_VALUE));
    }
  }

  @AfterContainer
  static void closeShared() {
    synchronized (SHARED) {
      SHARED.values().forEach(StorageEngine::close);
      SHARED.clear();
    }
  }

  @BeforeContainer
  static void noop() {}

  // ---- concurrency ----------------------------------------------------------------------------

  @Test
  void concurrentReadModifyWritesOnOneKeyLoseNothing() throws Exception {
    BucketKey k = BucketKey.of("b", "counter");
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            engine.update(7, k, cur -> {
              long n = cur == null ? 0 : ByteBuffer.wrap(cur).getLong();
              return ByteBuffer.allocate(8).putLong(n + 1).array();
            });
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ByteBuffer.wrap(engine.get(7, k).orElseThrow()).getLong()).isEqualTo((long) threads * perThread);
  }

  @Test
  void aScanDuringWritesSeesEveryKeyPresentThroughout() throws Exception {
    int stable = 2000;
    for (int i = 0; i < stable; i++) {
      engine.put(3, BucketKey.of("stable", "k" + i), new byte[] {(byte) i});
    }
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> churn = writer.submit(() -> {
        for (int i = 0; !stop.get() && i < 200_000; i++) {
          BucketKey k = BucketKey.of("churn", "k" + (i % 500));
          if (i % 3 == 0) {
            engine.delete(3, k);
          } else {
            engine.put(3, k, new byte[i % 100]);
          }
          engine.put(3, BucketKey.of("stable", "k" + (i % stable)), new byte[] {(byte) i}); // overwrite
        }
      });
      Set<BucketKey> seen = new HashSet<>();
      try (PartitionScan scan = engine.scan(3)) {
        while (scan.hasNext()) {
          PartitionScan.Entry entry = scan.next();
          if (entry.key().bucket().equals("stable")) {
            assertThat(seen.add(entry.key())).as("visited once: %s", entry.key()).isTrue();
          }
        }
      }
      stop.set(true);
      churn.get(60, TimeUnit.SECONDS);
      assertThat(seen).hasSize(stable);
    } finally {
      stop.set(true);
      writer.shutdownNow();
    }
  }

  // ---- partitions, limits ---------------------------------------------------------------------

  @Test
  void dropPartitionRemovesExactlyThatPartition() {
    for (int p = 0; p < 5; p++) {
      for (int i = 0; i < 50; i++) {
        engine.put(p, BucketKey.of("b", "k" + i), new byte[] {(byte) p});
      }
    }
    engine.dropPartition(2);
    assertThat(engine.stats(2).entries()).isZero();
    assertThat(engine.get(2, BucketKey.of("b", "k1"))).isEmpty();
    assertThat(engine.partitions()).doesNotContain(2).contains(0, 1, 3, 4);
    for (int p : List.of(0, 1, 3, 4)) {
      assertThat(engine.stats(p).entries()).isEqualTo(50);
      assertThat(engine.get(p, BucketKey.of("b", "k7"))).hasValueSatisfying(v -> assertThat(v).containsExactly(p));
    }
    // a dropped partition can be written again
    engine.put(2, BucketKey.of("b", "again"), new byte[] {9});
    assertThat(engine.stats(2).entries()).isEqualTo(1);
  }

  @Test
  void anOversizedValueIsRefusedWithTheLimitAndChangesNothing() {
    BucketKey k = BucketKey.of("b", "big");
    engine.put(0, k, new byte[] {1});
    byte[] tooBig = new byte[engine.maxValueBytes() + 1];
    assertThatThrownBy(() -> engine.put(0, k, tooBig))
        .isInstanceOf(ValueTooLargeException.class)
        .hasMessageContaining(String.valueOf(engine.maxValueBytes()));
    assertThatThrownBy(() -> engine.update(0, k, cur -> tooBig)).isInstanceOf(ValueTooLargeException.class);
    assertThat(engine.get(0, k)).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    engine.put(0, k, new byte[engine.maxValueBytes()]); // exactly the limit fits
    assertThat(engine.get(0, k).orElseThrow()).hasSize(engine.maxValueBytes());
  }

  @Test
  void statsCountEntriesAndBytes() {
    engine.put(1, BucketKey.of("b", "k1"), new byte[100]);
    engine.put(1, BucketKey.of("b", "k2"), new byte[50]);
    PartitionStats s = engine.stats(1);
    assertThat(s.entries()).isEqualTo(2);
    assertThat(s.bytes()).isGreaterThanOrEqualTo(150);
  }

  @Test
  void valuesAreCopiesNotViews() {
    byte[] v = {1, 2, 3};
    engine.put(0, BucketKey.of("b", "k"), v);
    v[0] = 9;
    byte[] read = engine.get(0, BucketKey.of("b", "k")).orElseThrow();
    assertThat(read).containsExactly(1, 2, 3);
    read[1] = 9;
    assertThat(engine.get(0, BucketKey.of("b", "k")).orElseThrow()).containsExactly(1, 2, 3);
  }

  @Test
  void forcingAPartitionKeepsItsContentsAndForcingAnUnknownOneIsHarmless() {
    engine.put(1, BucketKey.of("b", "k"), new byte[] {7});
    engine.force(1);
    engine.force(42);
    assertThat(engine.get(1, BucketKey.of("b", "k")).orElseThrow()).containsExactly(7);
  }

  @Test
  void aClosedEngineRefusesWork() {
    engine.close();
    assertThatThrownBy(() -> engine.get(0, BucketKey.of("b", "k"))).isInstanceOf(StorageException.class);
    engine = null;
  }
}
