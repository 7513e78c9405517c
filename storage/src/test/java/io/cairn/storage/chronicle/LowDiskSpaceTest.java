package io.cairn.storage.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.BootId;
import io.cairn.storage.Durability;
import io.cairn.storage.InsufficientStorageException;
import io.cairn.storage.hint.ChronicleHintStore;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.space.SpaceGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a volume that says it is nearly full, the engine refuses to create or grow a map and to
 * write, with a typed exception naming the path and the free bytes, leaves nothing half-written,
 * keeps serving reads, and takes writes again once space returns.
 */
class LowDiskSpaceTest {

  private static final long RESERVE = 1024 * 1024;
  private static final byte[] VALUE = "v".repeat(50).getBytes();

  private final AtomicLong free = new AtomicLong(1L << 40);

  @Test
  void creatingAMapIsRefusedAndLeavesNoFile(@TempDir Path dir) throws IOException {
    try (ChronicleMapEngine e = open(dir)) {
      free.set(RESERVE + 1000); // enough for a write, not for a new map
      assertThatThrownBy(() -> e.put(3, key(0), VALUE))
          .isInstanceOfSatisfying(InsufficientStorageException.class, x -> {
            assertThat(x.path()).isEqualTo(dir);
            assertThat(x.freeBytes()).isEqualTo(RESERVE + 1000);
            assertThat(x.neededBytes()).isGreaterThan(RESERVE + 1000);
            assertThat(x.setting()).isEqualTo("storage.min-free-bytes");
            assertThat(x.getMessage()).contains(dir.toString(), String.valueOf(RESERVE + 1000), "storage.min-free-bytes");
          });
      assertThat(files(dir.resolve("partitions"))).isEmpty();
      assertThat(e.get(3, key(0))).isEmpty();

      free.set(1L << 40);
      e.put(3, key(0), VALUE);
      assertThat(e.get(3, key(0))).hasValue(VALUE);
    }
  }

  @Test
  void writesAreRefusedBelowTheReserveWhileReadsGoOn(@TempDir Path dir) {
    try (ChronicleMapEngine e = open(dir)) {
      for (int i = 0; i < 10; i++) {
        e.put(1, key(i), VALUE);
      }
      free.set(RESERVE + 10); // below the reserve once a key and value are added
      assertThatThrownBy(() -> e.put(1, key(10), VALUE)).isInstanceOf(InsufficientStorageException.class)
          .hasMessageContaining(dir.toString()).hasMessageContaining(String.valueOf(RESERVE + 10));
      assertThatThrownBy(() -> e.update(1, key(0), current -> "changed".getBytes()))
          .isInstanceOf(InsufficientStorageException.class);
      assertThat(e.get(1, key(10))).isEmpty();
      assertThat(e.get(1, key(0))).hasValue(VALUE); // the refused update changed nothing
      for (int i = 0; i < 10; i++) {
        assertThat(e.get(1, key(i))).hasValue(VALUE);
      }
      assertThat(e.delete(1, key(9))).isTrue(); // freeing is never refused

      free.set(1L << 40);
      e.put(1, key(10), VALUE);
      assertThat(e.get(1, key(10))).hasValue(VALUE);
    }
  }

  @Test
  void growingIsRefusedButAcknowledgedWritesStay(@TempDir Path dir) throws IOException {
    try (ChronicleMapEngine e = open(dir)) {
      e.put(0, key(0), VALUE);
      String first = single(dir.resolve("partitions"));
      long entries = Long.parseLong(first.replaceAll("p0-e(\\d+)\\.cmap", "$1"));
      free.set(RESERVE + 20_000); // room for writes, not for a map twice as large
      int acknowledged = 1;
      for (int i = 1; i < entries * 6; i++) {
        try {
          e.put(0, key(i), VALUE);
          acknowledged = i + 1;
        } catch (InsufficientStorageException refused) {
          break; // Chronicle's extra tiers are used up and growing is refused: nothing was written
        }
      }
      assertThat(acknowledged).isGreaterThanOrEqualTo((int) entries);
      assertThat(files(dir.resolve("partitions"))).containsExactly(first);
      for (int i = 0; i < acknowledged; i++) {
        assertThat(e.get(0, key(i))).as("key %d", i).hasValue(VALUE);
      }

      free.set(1L << 40);
      e.put(0, key(acknowledged), VALUE);
      e.put(0, key(acknowledged + 1), VALUE);
      assertThat(files(dir.resolve("partitions"))).singleElement().isNotEqualTo(first);
      assertThat(e.stats(0).entries()).isEqualTo(acknowledged + 2);
    }
  }

  @Test
  void aMapBuiltUnderATemporaryNameCanStillAddTiersUnderItsFinalOne(@TempDir Path dir) {
    // values far above the configured average (64 bytes) make Chronicle add extra tiers, for which
    // it looks the file up by path: the path the map was built under must not be the one it keeps
    try (ChronicleMapEngine e = open(dir)) {
      for (int i = 0; i < 300; i++) {
        e.put(2, key(i), new byte[2000]);
      }
      for (int i = 0; i < 300; i++) {
        assertThat(e.get(2, key(i))).get().satisfies(v -> assertThat(v).hasSize(2000));
      }
    }
  }

  @Test
  void hintsAreRefusedBelowTheReserve(@TempDir Path dir) {
    SpaceGuard guard = new SpaceGuard(dir, free::get, RESERVE);
    HintStoreConfig config = new HintStoreConfig(1 << 20, 4096, 100, 100);
    try (ChronicleHintStore hints = ChronicleHintStore.open(dir.resolve("hints"), config, (a, b) -> b, Clock.systemUTC(), guard)) {
      NodeId target = new NodeId("n2");
      hints.add(target, 1, key(0), VALUE);
      free.set(RESERVE + 10);
      assertThatThrownBy(() -> hints.add(target, 1, key(1), VALUE)).isInstanceOf(InsufficientStorageException.class);
      assertThat(hints.get(target, 1, key(0))).isPresent();
      assertThat(hints.get(target, 1, key(1))).isEqualTo(Optional.empty());
      free.set(1L << 40);
      hints.add(target, 1, key(1), VALUE);
      assertThat(hints.get(target, 1, key(1))).isPresent();
    }
  }

  private ChronicleMapEngine open(Path dir) {
    ChronicleStorageConfig config = new ChronicleStorageConfig(dir, Durability.MMAP, 16, 48, 64, 4096);
    return ChronicleMapEngine.open(config, Optional::empty, new SpaceGuard(dir, free::get, RESERVE), Clock.systemUTC());
  }

  private static BucketKey key(int i) {
    return BucketKey.of("b", "k" + i);
  }

  private static String single(Path dir) throws IOException {
    List<String> names = files(dir);
    assertThat(names).hasSize(1);
    return names.get(0);
  }

  private static List<String> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
