package io.cairn.storage.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.ChronicleHintStore;
import io.cairn.storage.hint.HintStoreConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map file whose creation was cut short (a full disk, a crash: Chronicle's readiness flag never
 * set) must neither stall the start (Chronicle waits a minute for each such file) nor stop it: it
 * never held an entry, so it is moved aside and every other partition opens as before.
 */
class HalfCreatedMapTest {

  private static final byte[] VALUE = "v".repeat(100).getBytes();

  enum Damage { NEVER_INITIALIZED, ZEROED, TRUNCATED, EMPTY }

  @ParameterizedTest(name = "{0}, after a clean stop: {1}")
  @CsvSource({
    "NEVER_INITIALIZED, false", "NEVER_INITIALIZED, true",
    "ZEROED, false", "ZEROED, true",
    "TRUNCATED, false", "TRUNCATED, true",
    "EMPTY, false"})
  void aHalfCreatedMapIsMovedAsideAndTheStartIsQuick(Damage damage, boolean cleanStop, @TempDir Path dir)
      throws IOException {
    ChronicleStorageConfig config = config(dir.resolve("node"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      for (int p = 0; p < 4; p++) {
        for (int i = 0; i < 50; i++) {
          e.put(p, key(i), VALUE);
        }
      }
    }
    Path partitions = config.directory().resolve("partitions");
    Path damaged = plant(damage, dir.resolve("donor"), 7);
    Path planted = partitions.resolve(damaged.getFileName());
    Files.move(damaged, planted);
    if (!cleanStop) {
      Files.delete(config.directory().resolve("clean-shutdown"));
    }

    long started = System.nanoTime();
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(planted).doesNotExist();
      assertThat(names(partitions)).anyMatch(n -> n.startsWith(planted.getFileName() + ".corrupt-"));
      // it may have been a complete map with a damaged header: the node must take a new epoch
      assertThat(e.mayHaveLostWrites()).isTrue();
      for (int p = 0; p < 4; p++) {
        for (int i = 0; i < 50; i++) {
          assertThat(e.get(p, key(i))).as("partition %d key %d", p, i).hasValue(VALUE);
        }
      }
      assertThat(e.get(7, key(0))).isEmpty();
      e.put(7, key(0), VALUE); // the partition starts afresh, and its replicas refill it
      assertThat(e.get(7, key(0))).hasValue(VALUE);
    }
  }

  @Test
  void aHalfCreatedNewerGenerationLeavesTheCompleteOlderOneInUse(@TempDir Path dir) throws IOException {
    ChronicleStorageConfig config = config(dir.resolve("node"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      for (int i = 0; i < 50; i++) {
        e.put(3, key(i), VALUE);
      }
    }
    Path partitions = config.directory().resolve("partitions");
    Path complete;
    try (Stream<Path> s = Files.list(partitions)) {
      complete = s.filter(p -> p.getFileName().toString().startsWith("p3-e")).findFirst().orElseThrow();
    }
    long entries = Long.parseLong(complete.getFileName().toString().replaceAll("p3-e(\\d+)\\.cmap", "$1"));
    // as a growth cut short by an older version would have left it: the bigger map never finished
    Path newer = partitions.resolve("p3-e" + (entries * 2) + ".cmap");
    Files.copy(complete, newer);
    clearReadiness(newer);

    long started = System.nanoTime();
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(complete).exists();
      assertThat(newer).doesNotExist();
      for (int i = 0; i < 50; i++) {
        assertThat(e.get(3, key(i))).hasValue(VALUE);
      }
    }
  }

  @Test
  void aHalfCreatedHintFileIsMovedAsideAndTheStartIsQuick(@TempDir Path dir) throws IOException {
    Path hints = dir.resolve("hints");
    HintStoreConfig config = new HintStoreConfig(1 << 20, 4096, 100, 100);
    try (ChronicleHintStore store = ChronicleHintStore.open(hints, config, (a, b) -> b, Clock.systemUTC())) {
      store.add(new NodeId("n2"), 1, key(0), VALUE);
    }
    clearReadiness(hints.resolve("hints.dat"));

    long started = System.nanoTime();
    try (ChronicleHintStore store = ChronicleHintStore.open(hints, config, (a, b) -> b, Clock.systemUTC())) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(names(hints)).anyMatch(n -> n.startsWith("hints.dat.corrupt-"));
      store.add(new NodeId("n2"), 1, key(1), VALUE);
      assertThat(store.get(new NodeId("n2"), 1, key(1))).isPresent();
    }
  }

  /** A damaged p{partition} map file, made in {@code donorDir} from a real map of that partition. */
  private static Path plant(Damage damage, Path donorDir, int partition) throws IOException {
    ChronicleStorageConfig config = config(donorDir);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      e.put(partition, key(0), VALUE);
    }
    Path file;
    try (Stream<Path> s = Files.list(donorDir.resolve("partitions"))) {
      file = s.filter(p -> p.getFileName().toString().matches("p" + partition + "-e\\d+\\.cmap")).findFirst().orElseThrow();
    }
    switch (damage) {
      case NEVER_INITIALIZED -> clearReadiness(file);
      case ZEROED -> {
        long size = Files.size(file);
        Files.write(file, new byte[(int) size]);
      }
      case TRUNCATED -> {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
          f.setLength(10);
        }
      }
      case EMPTY -> Files.write(file, new byte[0]);
    }
    return file;
  }

  /** Sets the not-complete bit of Chronicle's size word (offset 8, little-endian), as during creation. */
  private static void clearReadiness(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(11);
      int top = f.read();
      f.seek(11);
      f.write(top | 0x80);
    }
  }

  private static ChronicleStorageConfig config(Path dir) {
    return new ChronicleStorageConfig(dir, Durability.MMAP, 64, 48, 128, 4096);
  }

  private static BucketKey key(int i) {
    return BucketKey.of("b", "k" + i);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
