package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleMapEngineTest extends StorageEngineContract {

  @Override
  protected StorageEngine newEngine(int maxValueBytes) {
    try {
      // under target/, so that the build's clean step removes them
      Path base = Files.createDirectories(Path.of("target", "engines"));
      Path dir = Files.createTempDirectory(base, "contract");
      return ChronicleMapEngine.open(
          ChronicleStorageConfig.defaults(dir, Durability.MMAP).withMaxValueBytes(maxValueBytes).withInitialEntries(64));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void fillingPastTheConfiguredEntriesGrowsInsteadOfFailing(@TempDir Path dir) {
    ChronicleStorageConfig config = ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      for (int i = 0; i < 5000; i++) {
        e.put(0, BucketKey.of("b", "k" + i), new byte[1000 + i % 200]);
      }
      // values far above the configured average make Chronicle run out of tiers before entries
      for (int i = 0; i < 40; i++) {
        e.put(1, BucketKey.of("b", "big" + i), new byte[200_000]);
      }
      assertThat(e.stats(0).entries()).isEqualTo(5000);
      assertThat(e.stats(1).entries()).isEqualTo(40);
      for (int i = 0; i < 5000; i += 7) {
        assertThat(e.get(0, BucketKey.of("b", "k" + i)).orElseThrow()).hasSize(1000 + i % 200);
      }
    }
    try (ChronicleMapEngine reopened = ChronicleMapEngine.open(config)) {
      assertThat(reopened.recoveredFromCrash()).isFalse();
      assertThat(reopened.stats(0).entries()).isEqualTo(5000);
      assertThat(reopened.stats(1).entries()).isEqualTo(40);
    }
  }

  @Test
  void aScanContinuesAcrossAGrowthOfItsPartition(@TempDir Path dir) {
    try (ChronicleMapEngine e = ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64))) {
      for (int i = 0; i < 60; i++) {
        e.put(0, BucketKey.of("old", "k" + i), new byte[] {(byte) i});
      }
      Set<BucketKey> seen = new HashSet<>();
      try (PartitionScan scan = e.scan(0)) {
        for (int i = 0; i < 10 && scan.hasNext(); i++) {
          seen.add(scan.next().key());
        }
        for (int i = 0; i < 1000; i++) { // forces the 64-entry map to be rebuilt (several times)
          e.put(0, BucketKey.of("new", "k" + i), new byte[] {1});
        }
        while (scan.hasNext()) {
          BucketKey k = scan.next().key();
          if (k.bucket().equals("old")) {
            assertThat(seen.add(k)).as("returned once: %s", k).isTrue();
          }
        }
      }
      assertThat(seen).hasSize(60);
    }
  }

  @Test
  void theDefaultLimitFitsAndSurvivesReopening(@TempDir Path dir) {
    ChronicleStorageConfig config = ChronicleStorageConfig.defaults(dir, Durability.FSYNC);
    byte[] max = new byte[config.maxValueBytes()];
    max[max.length - 1] = 42;
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      e.put(9, BucketKey.of("b", "max"), max);
      e.put(9, BucketKey.of("b", "small"), new byte[] {1});
    }
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      assertThat(e.get(9, BucketKey.of("b", "max")).orElseThrow()).isEqualTo(max);
      assertThat(e.get(9, BucketKey.of("b", "small")).orElseThrow()).containsExactly(1);
    }
  }

  @Test
  void anUncleanStopAcrossARebootInMmapModeMayHaveLostWrites(@TempDir Path dir) throws IOException {
    ChronicleStorageConfig mmap = ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(mmap, () -> Optional.of("boot-1"))) {
      e.put(0, BucketKey.of("b", "k"), new byte[] {1});
    }
    // clean stop: nothing lost, whatever the boot
    try (ChronicleMapEngine e = ChronicleMapEngine.open(mmap, () -> Optional.of("boot-2"))) {
      assertThat(e.recoveredFromCrash()).isFalse();
      assertThat(e.mayHaveLostWrites()).isFalse();
    }
    // unclean stop (no marker), same boot: only the process died, the page cache survived
    Files.delete(dir.resolve("clean-shutdown"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(mmap, () -> Optional.of("boot-2"))) {
      assertThat(e.recoveredFromCrash()).isTrue();
      assertThat(e.mayHaveLostWrites()).isFalse();
      assertThat(e.get(0, BucketKey.of("b", "k"))).isPresent();
    }
    // unclean stop across a reboot: page-cache writes may be gone
    Files.delete(dir.resolve("clean-shutdown"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(mmap, () -> Optional.of("boot-3"))) {
      assertThat(e.mayHaveLostWrites()).isTrue();
    }
    // in fsync mode the log covers a reboot
    Files.delete(dir.resolve("clean-shutdown"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(
        ChronicleStorageConfig.defaults(dir, Durability.FSYNC).withInitialEntries(64), () -> Optional.of("boot-4"))) {
      assertThat(e.recoveredFromCrash()).isTrue();
      assertThat(e.mayHaveLostWrites()).isFalse();
    }
  }

  @Test
  void fsyncModePassesTheBasicsToo(@TempDir Path dir) {
    ChronicleStorageConfig config = ChronicleStorageConfig.defaults(dir, Durability.FSYNC).withInitialEntries(64);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      for (int i = 0; i < 300; i++) {
        e.put(i % 4, BucketKey.of("b", "k" + i), new byte[] {(byte) i});
      }
      e.delete(0, BucketKey.of("b", "k0"));
      e.dropPartition(3);
      e.checkpoint();
      assertThat(e.stats(1).entries()).isEqualTo(75);
    }
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config)) {
      assertThat(e.get(0, BucketKey.of("b", "k0"))).isEmpty();
      assertThat(e.get(0, BucketKey.of("b", "k4"))).isPresent();
      assertThat(e.stats(3).entries()).isZero();
      assertThat(e.partitions()).containsExactly(0, 1, 2);
    }
  }
}
