package io.cairn.storage.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HintStore} does. Subclasses say how to open a store and how to restart one
 * (hand its hints to the store a restarted process opens), and run {@link #checkAgainstModel} as a
 * property with as many tries as they can afford.
 */
abstract class HintStoreContract {

  static final NodeId N1 = NodeId.of("n1");
  static final NodeId N2 = NodeId.of("n2");
  static final NodeId N3 = NodeId.of("node-3.eu");
  static final BucketKey K1 = BucketKey.of("b", "k1");
  static final BucketKey K2 = BucketKey.of("b", "k2");
  static final long T0 = 1_700_000_000_000L;

  /** Stands in for the DVV merge: recognisable, and it grows, so merges can hit the bound. */
  static byte[] concat(byte[] stored, byte[] added) {
    byte[] out = new byte[stored.length + added.length];
    System.arraycopy(stored, 0, out, 0, stored.length);
    System.arraycopy(added, 0, out, stored.length, added.length);
    return out;
  }

  static final BinaryOperator<byte[]> CONCAT = HintStoreContract::concat;

  protected abstract HintStore open(HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock);

  /** The store a restarted node finds: same hints; {@code store} is no longer used. */
  protected abstract HintStore restart(HintStore store);

  static HintStoreConfig config(long maxBytes, int maxObjectBytes) {
    return new HintStoreConfig(maxBytes, maxObjectBytes, 100, Math.min(64, maxObjectBytes));
  }

  private HintStore openDefault(MutableClock clock) {
    return open(config(1 << 20, 4096), CONCAT, clock);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void addedHintIsReturnedForItsTarget() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 7, K1, bytes("v1"));

      Hint expected = new Hint(N1, 7, K1, bytes("v1"), T0);
      assertThat(store.forTarget(N1, 10)).containsExactly(expected);
      assertThat(store.forTarget(N2, 10)).isEmpty();
      assertThat(store.targets()).containsExactly(N1);
      assertThat(store.pendingCount()).isEqualTo(1);
      assertThat(store.pendingBytes()).isEqualTo(expected.footprintBytes());
      assertThat(store.oldestCreatedAtMillis()).hasValue(T0);
    }
  }

  @Test
  void aHintIsFoundByItsAddressAndCountedPerTarget() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 7, K1, bytes("a"));
      store.add(N1, 8, K1, bytes("b"));
      store.add(N2, 7, K1, bytes("c"));
      assertThat(store.get(N1, 7, K1)).hasValue(new Hint(N1, 7, K1, bytes("a"), T0));
      assertThat(store.get(N1, 9, K1)).isEmpty();
      assertThat(store.pendingPerTarget()).containsExactlyInAnyOrderEntriesOf(Map.of(N1, 2L, N2, 1L));
      store.remove(store.get(N2, 7, K1).orElseThrow());
      assertThat(store.pendingPerTarget()).containsExactlyInAnyOrderEntriesOf(Map.of(N1, 2L));
    }
  }

  @Test
  void secondAddForSameAddressIsMergedAndKeepsTheOlderCreationTime() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 7, K1, bytes("old"));
      long before = store.pendingBytes();
      clock.advance(5_000);
      store.add(N1, 7, K1, bytes("+new"));

      assertThat(store.forTarget(N1, 10)).containsExactly(new Hint(N1, 7, K1, bytes("old+new"), T0));
      assertThat(store.pendingCount()).isEqualTo(1);
      assertThat(store.pendingBytes()).isEqualTo(before + 4);
      assertThat(store.oldestCreatedAtMillis()).hasValue(T0);
    }
  }

  @Test
  void hintsForOtherTargetsPartitionsOrKeysAreSeparate() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 1, K1, bytes("a"));
      store.add(N1, 2, K1, bytes("b"));
      store.add(N1, 1, K2, bytes("c"));
      store.add(N2, 1, K1, bytes("d"));

      assertThat(store.pendingCount()).isEqualTo(4);
      assertThat(store.targets()).containsExactlyInAnyOrder(N1, N2);
      assertThat(store.forTarget(N1, 10)).extracting(h -> new String(h.object(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("a", "b", "c");
      assertThat(store.forTarget(N2, 10)).containsExactly(new Hint(N2, 1, K1, bytes("d"), T0));
    }
  }

  @Test
  void forTargetReturnsAtMostTheLimit() {
    try (HintStore store = openDefault(new MutableClock(T0))) {
      for (int i = 0; i < 10; i++) {
        store.add(N1, i, K1, bytes("v" + i));
      }
      store.add(N2, 0, K1, bytes("other"));

      List<Hint> batch = store.forTarget(N1, 4);
      assertThat(batch).hasSize(4).allMatch(h -> h.target().equals(N1));
      assertThat(new HashSet<>(batch)).hasSize(4);
      assertThat(store.forTarget(N1, 100)).hasSize(10);
      assertThat(store.forTarget(N1, 0)).isEmpty();
      assertThatThrownBy(() -> store.forTarget(N1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void removeDeletesTheDeliveredHint() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 1, K1, bytes("a"));
      clock.advance(10);
      store.add(N1, 1, K2, bytes("b"));
      Hint first = new Hint(N1, 1, K1, bytes("a"), T0);

      assertThat(store.remove(first)).isTrue();
      assertThat(store.forTarget(N1, 10)).containsExactly(new Hint(N1, 1, K2, bytes("b"), T0 + 10));
      assertThat(store.oldestCreatedAtMillis()).hasValue(T0 + 10);
      assertThat(store.remove(first)).as("already removed").isFalse();

      assertThat(store.remove(store.forTarget(N1, 1).get(0))).isTrue();
      assertThat(store.pendingCount()).isZero();
      assertThat(store.pendingBytes()).isZero();
      assertThat(store.targets()).isEmpty();
      assertThat(store.oldestCreatedAtMillis()).isEqualTo(OptionalLong.empty());
    }
  }

  @Test
  void removeKeepsAHintUpdatedWhileItWasBeingDelivered() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 1, K1, bytes("a"));
      Hint inFlight = store.forTarget(N1, 10).get(0);
      clock.advance(100);
      store.add(N1, 1, K1, bytes("b"));

      assertThat(store.remove(inFlight)).isFalse();
      Hint current = new Hint(N1, 1, K1, bytes("ab"), T0);
      assertThat(store.forTarget(N1, 10)).containsExactly(current);
      assertThat(store.pendingCount()).isEqualTo(1);

      assertThat(store.remove(current)).isTrue();
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void removeComparesTheCreationTimeToo() {
    try (HintStore store = openDefault(new MutableClock(T0))) {
      store.add(N1, 1, K1, bytes("a"));

      assertThat(store.remove(new Hint(N1, 1, K1, bytes("a"), T0 + 1))).isFalse();
      assertThat(store.remove(new Hint(N1, 2, K1, bytes("a"), T0))).isFalse();
      assertThat(store.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void addBeyondTheByteBoundIsRefusedAndChangesNothing() {
    MutableClock clock = new MutableClock(T0);
    Hint probe = new Hint(N1, 0, BucketKey.of("b", "k000"), new byte[100], T0);
    long limit = 5 * probe.footprintBytes() + 10;
    try (HintStore store = open(config(limit, 1000), CONCAT, clock)) {
      for (int i = 0; i < 5; i++) {
        store.add(N1, 0, BucketKey.of("b", "k00" + i), new byte[100]);
      }
      List<Hint> before = store.forTarget(N1, 100);
      long bytesBefore = store.pendingBytes();

      HintStoreFullException full = catchThrowableOfType(HintStoreFullException.class,
          () -> store.add(N1, 0, BucketKey.of("b", "k005"), new byte[100]));
      assertThat(full).isInstanceOf(StorageException.class);
      assertThat(full.limitBytes()).isEqualTo(limit);
      assertThat(full.usedBytes()).isEqualTo(bytesBefore);
      assertThat(full.requestedBytes()).isEqualTo(probe.footprintBytes());
      assertThat(full.getMessage()).contains(Long.toString(limit), Long.toString(bytesBefore),
          HintStoreConfig.MAX_BYTES_SETTING);

      // a merge that grows an existing hint past the bound is refused too
      assertThatThrownBy(() -> store.add(N1, 0, BucketKey.of("b", "k000"), new byte[11]))
          .isInstanceOf(HintStoreFullException.class);
      assertThat(store.forTarget(N1, 100)).containsExactlyInAnyOrderElementsOf(before);
      assertThat(store.pendingBytes()).isEqualTo(bytesBefore);
      assertThat(store.pendingCount()).isEqualTo(5);

      // only the difference counts: a merge that grows by what is left fits
      store.add(N1, 0, BucketKey.of("b", "k000"), new byte[10]);
      assertThat(store.pendingBytes()).isEqualTo(limit);
    }
  }

  @Test
  void objectLargerThanOneHintMayHoldIsRefused() {
    try (HintStore store = open(config(1 << 20, 100), CONCAT, new MutableClock(T0))) {
      assertThatThrownBy(() -> store.add(N1, 0, K1, new byte[101]))
          .isInstanceOf(ValueTooLargeException.class);
      store.add(N1, 0, K1, new byte[60]);
      assertThatThrownBy(() -> store.add(N1, 0, K1, new byte[60]))
          .as("merged object of 120 bytes")
          .isInstanceOf(ValueTooLargeException.class);
      assertThat(store.forTarget(N1, 10)).singleElement()
          .satisfies(h -> assertThat(h.object()).hasSize(60));
    }
  }

  @Test
  void mergeFunctionIsAppliedAsMergeOfStoredAndAdded() {
    BinaryOperator<byte[]> keepLarger = (stored, added) -> stored.length >= added.length ? stored : added;
    try (HintStore store = open(config(1 << 20, 100), keepLarger, new MutableClock(T0))) {
      store.add(N1, 0, K1, bytes("longer"));
      store.add(N1, 0, K1, bytes("short"));
      assertThat(store.forTarget(N1, 1).get(0).object()).isEqualTo(bytes("longer"));
      store.add(N1, 0, K1, bytes("longest!"));
      assertThat(store.forTarget(N1, 1).get(0).object()).isEqualTo(bytes("longest!"));
    }
  }

  @Test
  void mergeFunctionReturningNullIsAnErrorAndChangesNothing() {
    try (HintStore store = open(config(1 << 20, 100), (a, b) -> null, new MutableClock(T0))) {
      store.add(N1, 0, K1, bytes("a"));
      assertThatThrownBy(() -> store.add(N1, 0, K1, bytes("b")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("merge");
      assertThat(store.forTarget(N1, 1).get(0).object()).isEqualTo(bytes("a"));
    }
  }

  @Test
  void mergeFunctionCannotAlterWhatIsStored() {
    BinaryOperator<byte[]> vandal = (stored, added) -> {
      stored[0] = 'X';
      return added;
    };
    try (HintStore store = open(config(1 << 20, 100), vandal, new MutableClock(T0))) {
      store.add(N1, 0, K1, bytes("a"));
      Hint before = store.forTarget(N1, 1).get(0);
      store.add(N1, 1, K1, bytes("unrelated"));
      store.add(N1, 0, K2, bytes("b"));
      assertThat(store.forTarget(N1, 10)).contains(before);
    }
  }

  @Test
  void callersCannotChangeStoredBytesThroughArrays() {
    try (HintStore store = openDefault(new MutableClock(T0))) {
      byte[] object = bytes("abc");
      store.add(N1, 0, K1, object);
      object[0] = 'X';
      store.forTarget(N1, 1).get(0).object()[1] = 'Y';

      assertThat(store.forTarget(N1, 1).get(0).object()).isEqualTo(bytes("abc"));
    }
  }

  @Test
  void creationTimeNeverMovesForwardWhenTheClockGoesBack() {
    MutableClock clock = new MutableClock(T0);
    try (HintStore store = openDefault(clock)) {
      store.add(N1, 0, K1, bytes("a"));
      clock.advance(-1_000);
      store.add(N1, 0, K1, bytes("b"));
      assertThat(store.oldestCreatedAtMillis()).hasValue(T0 - 1_000);
      assertThat(store.forTarget(N1, 1).get(0).createdAtMillis()).isEqualTo(T0 - 1_000);
    }
  }

  @Test
  void hintsAndTotalsSurviveARestart() {
    MutableClock clock = new MutableClock(T0);
    HintStore store = openDefault(clock);
    try {
      for (int i = 0; i < 20; i++) {
        clock.advance(1);
        store.add(i % 2 == 0 ? N1 : N3, i, BucketKey.of("bucket", "key-" + i), bytes("value " + i));
      }
      store.add(N1, 0, BucketKey.of("bucket", "key-0"), bytes(" merged"));
      store.remove(store.forTarget(N3, 1).get(0));
      Set<Hint> before = all(store);
      long count = store.pendingCount();
      long bytes = store.pendingBytes();
      OptionalLong oldest = store.oldestCreatedAtMillis();

      store = restart(store);

      assertThat(all(store)).isEqualTo(before);
      assertThat(store.pendingCount()).isEqualTo(count).isEqualTo(19);
      assertThat(store.pendingBytes()).isEqualTo(bytes);
      assertThat(store.oldestCreatedAtMillis()).isEqualTo(oldest);
      assertThat(store.targets()).containsExactlyInAnyOrder(N1, N3);
    } finally {
      store.close();
    }
  }

  @Test
  void closedStoreRefusesCalls() {
    HintStore store = openDefault(new MutableClock(T0));
    store.close();
    assertThatThrownBy(() -> store.add(N1, 0, K1, bytes("a")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.forTarget(N1, 1)).isInstanceOf(StorageException.class);
    assertThatThrownBy(store::pendingCount).isInstanceOf(StorageException.class);
    store.close(); // closing twice is harmless
  }

  static Set<Hint> all(HintStore store) {
    Set<Hint> out = new HashSet<>();
    for (NodeId t : store.targets()) {
      out.addAll(store.forTarget(t, Integer.MAX_VALUE));
    }
    return out;
  }

  // ---- random operation sequences against a model ----

  sealed interface Op permits Add, Deliver, Remove, Tick, Restart {}

  record Add(NodeId target, int partition, BucketKey key, byte[] object) implements Op {
    @Override
    public String toString() {
      return "Add(" + target + ", " + partition + ", " + key + ", " + object.length + " bytes)";
    }
  }

  /** Take a batch for delivery; its hints may be removed later. */
  record Deliver(NodeId target, int limit) implements Op {}

  /** Remove the n-th hint (modulo) taken for delivery so far, current or stale. */
  record Remove(int index) implements Op {}

  record Tick(long millis) implements Op {}

  record Restart() implements Op {}

  static final long MODEL_MAX_BYTES = 900;
  static final int MODEL_MAX_OBJECT_BYTES = 60;

  static Arbitrary<List<Op>> operations(int maxLength) {
    Arbitrary<NodeId> targets = Arbitraries.of(N1, N2, N3);
    Arbitrary<Integer> partitions = Arbitraries.integers().between(0, 2);
    Arbitrary<BucketKey> keys = Arbitraries.of(K1, K2, BucketKey.of("other", "x"));
    Arbitrary<byte[]> objects = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<Op> add = Combinators.combine(targets, partitions, keys, objects).as(Add::new);
    Arbitrary<Op> deliver =
        Combinators.combine(targets, Arbitraries.integers().between(0, 5)).as(Deliver::new);
    Arbitrary<Op> remove = Arbitraries.integers().between(0, 50).map(Remove::new);
    Arbitrary<Op> tick = Arbitraries.longs().between(-5, 1000).map(Tick::new);
    Arbitrary<Op> restart = Arbitraries.just(new Restart());
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(6, add),
        Tuple.of(2, deliver),
        Tuple.of(3, remove),
        Tuple.of(2, tick),
        Tuple.of(1, restart));
    return op.list().ofMaxSize(maxLength);
  }

  /** Runs {@code ops} against a store and a plain map model; checks they agree after every step. */
  void checkAgainstModel(List<Op> ops) {
    MutableClock clock = new MutableClock(T0);
    HintStore store = open(config(MODEL_MAX_BYTES, MODEL_MAX_OBJECT_BYTES), CONCAT, clock);
    Map<HintAddress, Hint> model = new LinkedHashMap<>();
    List<Hint> taken = new ArrayList<>();
    try {
      for (Op op : ops) {
        if (op instanceof Add a) {
          applyAdd(store, model, clock, a);
        } else if (op instanceof Deliver d) {
          List<Hint> batch = store.forTarget(d.target(), d.limit());
          long available = model.keySet().stream().filter(k -> k.target().equals(d.target())).count();
          assertThat(batch).hasSize((int) Math.min(d.limit(), available));
          assertThat(model.values()).containsAll(batch);
          taken.addAll(batch);
        } else if (op instanceof Remove r) {
          if (!taken.isEmpty()) {
            Hint h = taken.get(r.index() % taken.size());
            boolean current = h.equals(model.get(HintAddress.of(h)));
            assertThat(store.remove(h)).as("remove %s", h).isEqualTo(current);
            if (current) {
              model.remove(HintAddress.of(h));
            }
          }
        } else if (op instanceof Tick t) {
          clock.advance(t.millis());
        } else {
          store = restart(store);
        }
        assertAgrees(store, model);
      }
    } finally {
      store.close();
    }
  }

  private static void applyAdd(HintStore store, Map<HintAddress, Hint> model, Clock clock, Add a) {
    HintAddress address = new HintAddress(a.target(), a.partition(), a.key());
    Hint old = model.get(address);
    Hint next = old == null
        ? new Hint(a.target(), a.partition(), a.key(), a.object(), clock.millis())
        : new Hint(a.target(), a.partition(), a.key(), concat(old.object(), a.object()),
            Math.min(old.createdAtMillis(), clock.millis()));
    long used = model.values().stream().mapToLong(Hint::footprintBytes).sum();
    long growth = next.footprintBytes() - (old == null ? 0 : old.footprintBytes());
    if (next.object().length > MODEL_MAX_OBJECT_BYTES) {
      assertThatThrownBy(() -> store.add(a.target(), a.partition(), a.key(), a.object()))
          .isInstanceOf(ValueTooLargeException.class);
    } else if (growth > 0 && used + growth > MODEL_MAX_BYTES) {
      assertThatThrownBy(() -> store.add(a.target(), a.partition(), a.key(), a.object()))
          .isInstanceOf(HintStoreFullException.class);
    } else {
      store.add(a.target(), a.partition(), a.key(), a.object());
      model.put(address, next);
    }
  }

  private static void assertAgrees(HintStore store, Map<HintAddress, Hint> model) {
    assertThat(store.pendingCount()).isEqualTo(model.size());
    assertThat(store.pendingBytes())
        .isEqualTo(model.values().stream().mapToLong(Hint::footprintBytes).sum())
        .isLessThanOrEqualTo(MODEL_MAX_BYTES);
    assertThat(store.oldestCreatedAtMillis()).isEqualTo(
        model.values().stream().mapToLong(Hint::createdAtMillis).min());
    Set<NodeId> targets = model.keySet().stream().map(HintAddress::target)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(store.targets()).isEqualTo(targets);
    assertThat(all(store)).isEqualTo(new HashSet<>(model.values()));
  }
}
