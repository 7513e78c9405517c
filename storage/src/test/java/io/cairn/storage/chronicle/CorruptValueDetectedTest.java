package io.cairn.storage.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.Durability;
import io.cairn.storage.PartitionScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit rot in a partition file (bytes flipped while the node was stopped) is found on the next read
 * or scan: the corrupt copy is never returned, counts as absent, is counted, and a write replaces it.
 */
class CorruptValueDetectedTest {

  private static final int PARTITION = 3;

  private static ChronicleStorageConfig config(Path dir) {
    return ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64);
  }

  private static byte[] value(int i) {
    return ("value-" + i + "-" + "abcdefghijklmnopqrstuvwxyz".repeat(3)).getBytes(StandardCharsets.UTF_8);
  }

  private static BucketKey key(int i) {
    return BucketKey.of("bucket", "key-" + i);
  }

  private static void writeTen(Path dir) {
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      for (int i = 0; i < 10; i++) {
        e.put(PARTITION, key(i), value(i));
      }
    }
  }

  /** Flips one byte in the middle of the only occurrence of {@code needle} in the partition's file. */
  private static void flipInsideStoredBytes(Path dir, byte[] needle) throws IOException {
    Path file;
    try (Stream<Path> s = Files.list(dir.resolve("partitions"))) {
      file = s.filter(p -> p.getFileName().toString().startsWith("p" + PARTITION + "-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    int at = indexOf(bytes, needle);
    assertThat(at).as("the stored bytes are in %s", file).isNotNegative();
    assertThat(indexOf(bytes, needle, at + 1)).as("only once").isNegative();
    bytes[at + needle.length / 2] ^= 0x04;
    Files.write(file, bytes);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Map<BucketKey, byte[]> scan(ChronicleMapEngine e) {
    Map<BucketKey, byte[]> out = new HashMap<>();
    try (PartitionScan scan = e.scan(PARTITION)) {
      scan.forEachRemaining(entry -> out.put(entry.key(), entry.value()));
    }
    return out;
  }

  @Test
  void aFlippedValueByteIsNeverReturnedCountsAsMissingAndIsReplacedByTheNextWrite(@TempDir Path dir) throws IOException {
    writeTen(dir);
    flipInsideStoredBytes(dir, value(4));

    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertThat(e.recoveredFromCrash()).isFalse(); // a clean stop: Chronicle's recovery never looks
      assertThat(e.get(PARTITION, key(4))).isEmpty();
      assertThat(e.checksumFailures()).isEqualTo(1);
      assertThat(e.get(PARTITION, key(5))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value(5)));

      Map<BucketKey, byte[]> scanned = scan(e);
      assertThat(scanned).hasSize(9).doesNotContainKey(key(4));
      assertThat(e.checksumFailures()).as("reported once: the corrupt copy was dropped").isEqualTo(1);

      byte[][] seen = new byte[1][];
      byte[] repaired = "repaired".getBytes(StandardCharsets.UTF_8);
      e.update(PARTITION, key(4), current -> {
        seen[0] = current;
        return repaired;
      });
      assertThat(seen[0]).isNull();
      assertThat(e.get(PARTITION, key(4))).hasValueSatisfying(v -> assertThat(v).isEqualTo(repaired));
    }
  }

  @Test
  void aScanSkipsAndCountsACorruptValueAndAnUpdateSeesItAsAbsent(@TempDir Path dir) throws IOException {
    writeTen(dir);
    flipInsideStoredBytes(dir, value(7));

    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      Map<BucketKey, byte[]> scanned = scan(e);
      assertThat(scanned).hasSize(9).doesNotContainKey(key(7));
      scanned.forEach((k, v) -> assertThat(v).isEqualTo(value(Integer.parseInt(k.key().substring(4)))));
      assertThat(e.checksumFailures()).isEqualTo(1);
      assertThat(e.stats(PARTITION).entries()).isEqualTo(9);
    }
    writeTen(dir);
    flipInsideStoredBytes(dir, value(8));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      byte[][] seen = {new byte[0]};
      e.update(PARTITION, key(8), current -> {
        seen[0] = current;
        return value(8);
      });
      assertThat(seen[0]).as("the corrupt copy is not merged").isNull();
      assertThat(e.checksumFailures()).isEqualTo(1);
      assertThat(e.get(PARTITION, key(8))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value(8)));
    }
  }

  @Test
  void aFlippedKeyByteIsCaughtByTheScan(@TempDir Path dir) throws IOException {
    writeTen(dir);
    flipInsideStoredBytes(dir, "key-6".getBytes(StandardCharsets.UTF_8));

    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertThat(e.get(PARTITION, key(6))).isEmpty();
      Map<BucketKey, byte[]> scanned = scan(e);
      assertThat(scanned).hasSize(9).doesNotContainKey(key(6));
      assertThat(scanned.keySet()).allSatisfy(k -> assertThat(k.key()).matches("key-[0-9]"));
      assertThat(e.checksumFailures()).isEqualTo(1);
    }
  }

  @Test
  void fsyncModeChecksValuesToo(@TempDir Path dir) throws IOException {
    ChronicleStorageConfig fsync = ChronicleStorageConfig.defaults(dir, Durability.FSYNC).withInitialEntries(64);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(fsync)) {
      for (int i = 0; i < 10; i++) {
        e.put(PARTITION, key(i), value(i));
      }
    }
    flipInsideStoredBytes(dir, value(2));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(fsync)) {
      assertThat(e.get(PARTITION, key(2))).isEmpty();
      assertThat(e.checksumFailures()).isEqualTo(1);
    }
  }
}
