package io.cairn.storage.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChronicleHintStoreTest extends HintStoreContract {

  private record Opened(Path directory, HintStoreConfig config, BinaryOperator<byte[]> merge,
      Clock clock) {}

  private final Map<HintStore, Opened> opened = new IdentityHashMap<>();
  private final List<Path> directories = new ArrayList<>();

  @Override
  protected HintStore open(HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    return open(newDirectory(), config, merge, clock);
  }

  private HintStore open(Path dir, HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    ChronicleHintStore store = ChronicleHintStore.open(dir, config, merge, clock);
    opened.put(store, new Opened(dir, config, merge, clock));
    return store;
  }

  @Override
  protected HintStore restart(HintStore store) {
    Opened o = opened.remove(store);
    store.close();
    return open(o.directory(), o.config(), o.merge(), o.clock());
  }

  private Path newDirectory() {
    try {
      Path dir = Files.createTempDirectory("cairn-hints");
      directories.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void deleteDirectories() throws IOException {
    opened.keySet().forEach(HintStore::close);
    opened.clear();
    for (Path dir : directories) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    directories.clear();
  }

  /** Fewer tries than the in-memory twin: every try creates and reopens map files. */
  @Property(tries = 100)
  void behavesLikeTheModel(@ForAll("ops") List<Op> ops) throws IOException {
    try {
      checkAgainstModel(ops);
    } finally {
      deleteDirectories();
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return operations(40);
  }

  @Test
  void cleanCloseLeavesAMarkerThatTheNextOpenConsumes() {
    Path dir = newDirectory();
    HintStore store = open(dir, config(1 << 20, 100), CONCAT, new MutableClock(T0));
    assertThat(((ChronicleHintStore) store).recoveredFromUncleanShutdown()).isFalse();
    assertThat(dir.resolve(ChronicleHintTable.FILE_NAME)).exists();
    assertThat(dir.resolve(ChronicleHintTable.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
    store.add(N1, 0, K1, bytes("a"));

    store = restart(store);

    assertThat(((ChronicleHintStore) store).recoveredFromUncleanShutdown()).isFalse();
    assertThat(dir.resolve(ChronicleHintTable.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
    assertThat(store.forTarget(N1, 1)).containsExactly(new Hint(N1, 0, K1, bytes("a"), T0));
    store.close();
    assertThat(dir.resolve(ChronicleHintTable.CLEAN_SHUTDOWN_MARKER)).exists();
  }

  @Test
  void anythingWithinTheByteBoundFitsInAFileOfAboutTheBound() throws IOException {
    HintStoreConfig config = new HintStoreConfig(2L << 20, 64 << 10, 10, 100);

    // the most hints the bound admits: empty objects under the shortest addresses
    Path tiny = newDirectory();
    try (HintStore store = open(tiny, config, CONCAT, new MutableClock(T0))) {
      int i = 0;
      HintStoreFullException full = null;
      while (full == null) {
        int n = i++;
        full = catchThrowableOfType(HintStoreFullException.class,
            () -> store.add(N1, 0, BucketKey.of("b", Integer.toString(n, 36)), new byte[0]));
      }
      assertRefusedByTheBound(full, config);
      assertThat(store.pendingCount()).isGreaterThan(20_000);
    }
    assertThat(Files.size(tiny.resolve(ChronicleHintTable.FILE_NAME))).isLessThan(3 * config.maxBytes());

    // the largest hints: longest key, largest object
    Path large = newDirectory();
    try (HintStore store = open(large, config, CONCAT, new MutableClock(T0))) {
      String longKey = "k".repeat(BucketKey.MAX_KEY_BYTES - 3);
      int i = 0;
      HintStoreFullException full = null;
      while (full == null) {
        int n = i++;
        full = catchThrowableOfType(HintStoreFullException.class, () -> store.add(
            N3, 0, BucketKey.of("b", longKey + String.format("%03d", n)), new byte[64 << 10]));
      }
      assertRefusedByTheBound(full, config);
      assertThat(store.pendingCount()).isEqualTo(i - 1).isGreaterThan(10);
    }
    assertThat(Files.size(large.resolve(ChronicleHintTable.FILE_NAME))).isLessThan(3 * config.maxBytes());
  }

  @Test
  void randomChurnUpToTheBoundNeverRunsOutOfRoom() {
    HintStoreConfig config = new HintStoreConfig(1L << 20, 16 << 10, 10, 200);
    Random random = new Random(42);
    try (HintStore store = open(config, (stored, added) -> added, new MutableClock(T0))) {
      int refusals = 0;
      for (int step = 0; step < 20_000; step++) {
        NodeId target = random.nextBoolean() ? N1 : N2;
        BucketKey key = BucketKey.of("b", "k" + random.nextInt(2_000));
        if (random.nextInt(10) == 0) {
          store.forTarget(target, 5).forEach(store::remove);
          continue;
        }
        byte[] object = new byte[random.nextInt(4) == 0 ? random.nextInt(16 << 10) : random.nextInt(300)];
        HintStoreFullException full = catchThrowableOfType(HintStoreFullException.class,
            () -> store.add(target, random.nextInt(8), key, object));
        if (full != null) {
          refusals++;
          assertRefusedByTheBound(full, config);
        }
      }
      assertThat(refusals).as("the churn reached the bound").isPositive();
    }
  }

  private static void assertRefusedByTheBound(HintStoreFullException full, HintStoreConfig config) {
    assertThat(full.getCause()).as("refused by Chronicle, not by the bound").isNull();
    assertThat(full.usedBytes() + full.requestedBytes()).isGreaterThan(config.maxBytes());
  }

  @Test
  void chronicleRefusalBecomesHintStoreFullAndChangesNothing() {
    HintStoreConfig config = new HintStoreConfig(1L << 30, 64 << 10, 10, 16);
    HintMapGeometry tooSmall = new HintMapGeometry(20, 16, 24, 1, 1);
    try (HintStore store = ChronicleHintStore.open(newDirectory(), config, tooSmall, CONCAT,
        new MutableClock(T0))) {
      store.add(N1, 0, K1, bytes("first"));

      HintStoreFullException tooLarge = catchThrowableOfType(HintStoreFullException.class,
          () -> store.add(N1, 0, K1, new byte[60 << 10]));
      assertThat(tooLarge).hasMessageContaining("no room").hasCauseInstanceOf(RuntimeException.class);
      assertThat(tooLarge.usedBytes()).isEqualTo(store.pendingBytes());
      assertThat(store.forTarget(N1, 1)).containsExactly(new Hint(N1, 0, K1, bytes("first"), T0));

      HintStoreFullException noTier = null;
      int i = 0;
      while (noTier == null && i < 100_000) {
        int n = i++;
        noTier = catchThrowableOfType(HintStoreFullException.class,
            () -> store.add(N2, 0, BucketKey.of("b", "k" + n), bytes("v" + n)));
      }
      assertThat(noTier).as("Chronicle ran out of tiers").isNotNull().hasMessageContaining("no room");
      assertThat(noTier.getMessage()).contains(HintStoreConfig.EXPECTED_HINTS_SETTING);
      assertThat(store.pendingCount()).isEqualTo(i);
      assertThat(store.forTarget(N2, Integer.MAX_VALUE)).hasSize(i - 1);
    }
  }

  @Test
  void aHintWithAFlippedByteIsDroppedCountedAndNeverDelivered() throws IOException {
    Path dir = newDirectory();
    HintStore store = open(dir, config(1 << 20, 100), CONCAT, new MutableClock(T0));
    store.add(N1, 0, K1, bytes("intact-hint-object"));
    store.add(N1, 0, K2, bytes("rotten-hint-object"));
    long intactBytes = Hint.footprintBytes(N1, K1, bytes("intact-hint-object").length);
    opened.remove(store);
    store.close();

    Path file = dir.resolve("hints.dat");
    byte[] content = Files.readAllBytes(file);
    byte[] needle = bytes("rotten-hint-object");
    int at = indexOf(content, needle);
    assertThat(at).isNotNegative();
    content[at + 3] ^= 0x10;
    Files.write(file, content);

    store = open(dir, config(1 << 20, 100), CONCAT, new MutableClock(T0));
    assertThat(store.checksumFailures()).isEqualTo(1);
    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(store.pendingBytes()).isEqualTo(intactBytes);
    assertThat(store.forTarget(N1, 10)).extracting(Hint::key).containsExactly(K1);
    assertThat(store.get(N1, 0, K2)).isEmpty();
  }

  @Test
  void aHintFileFromBeforeChecksumsKeepsEveryHint() throws IOException {
    Path dir = newDirectory();
    HintStoreConfig config = config(1 << 20, 100);
    // the previous format: records without a frame, no hints.format
    try (ChronicleMap<byte[], byte[]> map = ChronicleHintTable.builder(HintMapGeometry.forConfig(config))
        .createPersistedTo(dir.resolve("hints.dat").toFile())) {
      map.put(HintCodec.encodeAddress(new HintAddress(N1, 0, K1)), HintCodec.encodeRecord(new StoredHint(T0, bytes("a"))));
      map.put(HintCodec.encodeAddress(new HintAddress(N2, 1, K2)), HintCodec.encodeRecord(new StoredHint(T0, bytes("b"))));
    }
    Files.writeString(dir.resolve(ChronicleHintTable.CLEAN_SHUTDOWN_MARKER), "");
    HintStore store = open(dir, config, CONCAT, new MutableClock(T0));
    assertThat(store.checksumFailures()).isZero();
    assertThat(store.pendingCount()).isEqualTo(2);
    assertThat(store.get(N1, 0, K1)).hasValueSatisfying(h -> assertThat(h.object()).isEqualTo(bytes("a")));
    assertThat(store.get(N2, 1, K2)).hasValueSatisfying(h -> assertThat(h.object()).isEqualTo(bytes("b")));
    assertThat(Files.readString(dir.resolve(ChronicleHintTable.FORMAT_FILE)).trim()).isEqualTo(ChronicleHintTable.FORMAT);
    store = restart(store);
    assertThat(store.checksumFailures()).as("not framed twice").isZero();
    assertThat(store.pendingCount()).isEqualTo(2);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void malformedEntriesAreDroppedAtOpen() throws IOException {
    Path dir = newDirectory();
    HintStore store = open(dir, config(1 << 20, 100), CONCAT, new MutableClock(T0));
    store.add(N1, 0, K1, bytes("a"));
    store.add(N2, 0, K1, bytes("b"));
    Set<Hint> before = all(store);
    long bytesBefore = store.pendingBytes();
    opened.remove(store);
    store.close();

    // the file keeps the layout it was created with; these sizes only satisfy the builder
    ChronicleMapBuilder<byte[], byte[]> raw = ChronicleMapBuilder.of(byte[].class, byte[].class)
        .entries(100).averageKeySize(16).averageValueSize(16);
    try (ChronicleMap<byte[], byte[]> map = raw.createPersistedTo(dir.resolve("hints.dat").toFile())) {
      map.put(new byte[] {(byte) 200, 'x'}, new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
      map.put(HintCodec.encodeAddress(new HintAddress(N3, 0, K2)), new byte[] {1, 2, 3});
      assertThat(map.size()).isEqualTo(4);
    }

    store = open(dir, config(1 << 20, 100), CONCAT, new MutableClock(T0));
    assertThat(all(store)).isEqualTo(before);
    assertThat(store.pendingCount()).isEqualTo(2);
    assertThat(store.pendingBytes()).isEqualTo(bytesBefore);
    assertThat(store.checksumFailures()).as("unframed entries fail their checksum").isEqualTo(2);
    opened.remove(store);
    store.close();
    try (ChronicleMap<byte[], byte[]> map = raw.createPersistedTo(dir.resolve("hints.dat").toFile())) {
      assertThat(map.size()).as("malformed entries removed from the file").isEqualTo(2);
    }
  }

  @Test
  @Tag("process") // starts a child JVM; mutation testing leaves it out
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void hintsAReportedWriterAddedSurviveItsSigkill() throws Exception {
    Path dir = newDirectory();
    Path hints = dir.resolve("hints");
    List<String> jvmFlags = chronicleFlags();
    assertThat(jvmFlags).contains("-Dchronicle.analytics.disable=true");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xmx256m");
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        HintWriterProcess.class.getName(), hints.toString()));
    Process child = new ProcessBuilder(command)
        .redirectError(dir.resolve("child-stderr.log").toFile())
        .start();
    AtomicInteger lastReported = new AtomicInteger(-1);
    CountDownLatch enough = new CountDownLatch(2_000);
    Thread reader = new Thread(() -> readReports(child, lastReported, enough), "hint-writer-output");
    reader.start();
    try {
      boolean reached = enough.await(30, TimeUnit.SECONDS);
      assertThat(reached).as("child reported 2000 adds within 30 s; its stderr is in %s",
          dir.resolve("child-stderr.log")).isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(10_000);
    }
    assertThat(child.isAlive()).isFalse();
    assertThat(hints.resolve(ChronicleHintTable.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
    int reported = lastReported.get();

    HintStore store = open(hints, HintWriterProcess.CONFIG, CONCAT, Clock.systemUTC());
    assertThat(((ChronicleHintStore) store).recoveredFromUncleanShutdown()).isTrue();
    Map<Integer, Hint> found = new HashMap<>();
    for (Hint h : all(store)) {
      assertThat(HintWriterProcess.intact(h)).as("intact: %s", h).isTrue();
      found.put(HintWriterProcess.indexOf(h.key()), h);
    }
    for (int i = 0; i <= reported; i++) {
      assertThat(found).as("hint %d of %d reported", i, reported).containsKey(i);
    }
    assertThat(store.pendingCount()).isEqualTo(found.size());
    assertThat(store.pendingBytes())
        .isEqualTo(found.values().stream().mapToLong(Hint::footprintBytes).sum());

    // the recovered store takes writes and closes cleanly
    store.add(N1, 0, K1, bytes("after"));
    store = restart(store);
    assertThat(((ChronicleHintStore) store).recoveredFromUncleanShutdown()).isFalse();
    assertThat(store.pendingCount()).isEqualTo(found.size() + 1L);
  }

  private static void readReports(Process child, AtomicInteger lastReported, CountDownLatch enough) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("added ")) {
          lastReported.set(Integer.parseInt(line.substring(6)));
          enough.countDown();
        }
      }
    } catch (IOException e) {
      // the child was killed mid-line; what was reported so far stands
    }
  }

  /** The flags Chronicle needs, as this JVM got them from surefire's argLine. */
  private static List<String> chronicleFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")
            || a.startsWith("-Dchronicle."))
        .toList();
  }
}
