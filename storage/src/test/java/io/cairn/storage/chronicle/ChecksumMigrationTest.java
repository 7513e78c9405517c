package io.cairn.storage.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.Durability;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage directory written before values carried checksums opens without losing data, and the
 * one-time rewrite is crash-safe: interrupted before its format file, it starts again on untouched
 * maps; interrupted after, it finishes; no map is ever framed twice.
 */
class ChecksumMigrationTest {

  private static ChronicleStorageConfig config(Path dir) {
    return ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64);
  }

  private static BucketKey key(int partition, int i) {
    return BucketKey.of("b", "p" + partition + "-k" + i);
  }

  private static byte[] value(int partition, int i) {
    return ("v" + partition + "-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** Maps as the previous version wrote them: raw values, no format file. */
  private static void writeLegacy(Path dir) {
    ChronicleStorageConfig config = config(dir);
    Path maps = dir.resolve("partitions");
    for (int p = 0; p < 3; p++) {
      long entries = PartitionMap.effectiveEntries(64, config);
      PartitionMap m = PartitionMap.open(p, entries, PartitionMap.fileFor(maps, p, entries), config, false);
      for (int i = 0; i < 20; i++) {
        m.map.put(KeyCodec.encode(key(p, i)), value(p, i));
      }
      m.map.close();
    }
  }

  private static void assertAllReadable(ChronicleMapEngine e) {
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 20; i++) {
        byte[] expected = value(p, i);
        assertThat(e.get(p, key(p, i))).as("%s", key(p, i)).hasValueSatisfying(v -> assertThat(v).isEqualTo(expected));
      }
    }
    assertThat(e.checksumFailures()).isZero();
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("partitions"))) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void mapsWrittenWithoutChecksumsOpenWithEveryValueAndAreMigratedOnce(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("partitions"));
    writeLegacy(dir);
    Files.writeString(dir.resolve("clean-shutdown"), "closed cleanly\n");
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
      e.put(0, BucketKey.of("b", "new"), new byte[] {7});
    }
    assertThat(Files.readString(dir.resolve("format")).trim()).isEqualTo(ChecksumMigration.FORMAT);
    assertThat(files(dir, ".framed")).isEmpty();
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e); // a second open does not frame again
      assertThat(e.get(0, BucketKey.of("b", "new"))).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
    }
  }

  @Test
  void aMigrationInterruptedBeforeItsFormatFileStartsAgainOnTheUntouchedMaps(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("partitions"));
    writeLegacy(dir);
    // a half-written copy left by a crash mid-migration
    Path map = files(dir, ".cmap").get(0);
    Files.write(map.resolveSibling(map.getFileName() + ".framed"), new byte[] {1, 2, 3});
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
    }
    assertThat(files(dir, ".framed")).isEmpty();
  }

  @Test
  void aMigrationInterruptedAfterItsFormatFileFinishesTheRenames(@TempDir Path dir) throws IOException {
    Path legacyCopy = Files.createDirectories(dir.resolve("legacy-copy"));
    Files.createDirectories(dir.resolve("partitions"));
    writeLegacy(dir);
    for (Path p : files(dir, ".cmap")) {
      Files.copy(p, legacyCopy.resolve(p.getFileName()));
    }
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
    }
    // the state a crash after the format file leaves: framed copies beside the legacy maps
    for (Path p : files(dir, ".cmap")) {
      Files.move(p, p.resolveSibling(p.getFileName() + ".framed"));
      Files.copy(legacyCopy.resolve(p.getFileName()), p, StandardCopyOption.REPLACE_EXISTING);
    }
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
    }
    assertThat(files(dir, ".framed")).isEmpty();
  }

  @Test
  void mapsAlreadyFramedAreNotFramedAgainIfTheFormatFileIsLost(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("partitions"));
    writeLegacy(dir);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
    }
    Files.delete(dir.resolve("format"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertAllReadable(e);
    }
  }

  @Test
  void anUnknownFormatIsRefusedWithTheFileAndWhatToDo(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("format"), "something-newer\n");
    assertThatThrownBy(() -> ChronicleMapEngine.open(config(dir)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("something-newer")
        .hasMessageContaining(dir.resolve("format").toString());
  }

  @Test
  void anUnopenableMapNamesItsPartitionAndFileAndTheWayOut(@TempDir Path dir) throws IOException {
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      e.put(5, BucketKey.of("b", "k"), new byte[] {1});
    }
    Path map = files(dir, ".cmap").get(0);
    // the header's size word stays (the file looks initialized); the header it announces is garbage
    byte[] bytes = Files.readAllBytes(map);
    Arrays.fill(bytes, 16, 200, (byte) 'x');
    Files.write(map, bytes);
    assertThatThrownBy(() -> ChronicleMapEngine.open(config(dir)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("partition 5")
        .hasMessageContaining(map.toString())
        .hasMessageContaining("rename it to " + map.getFileName() + ".corrupt")
        .hasMessageContaining("anti-entropy refill");
    // set aside, the storage opens; the partition is empty until its replicas refill it, and the
    // engine reports lost writes so that the node takes a new replica epoch
    Files.move(map, map.resolveSibling(map.getFileName() + ".corrupt"));
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config(dir))) {
      assertThat(e.mayHaveLostWrites()).isTrue();
      assertThat(e.get(5, BucketKey.of("b", "k"))).isEmpty();
      e.put(5, BucketKey.of("b", "k"), new byte[] {2});
      assertThat(e.get(5, BucketKey.of("b", "k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
    }
  }
}
