package io.cairn.storage.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.Durability;
import io.cairn.storage.KeyCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RecoveryReportTest {

  private static ChronicleHashCorruption finding(String message) {
    return new ChronicleHashCorruption() {
      @Override
      public String message() {
        return message;
      }

      @Override
      public Throwable exception() {
        return null;
      }

      @Override
      public int segmentIndex() {
        return 3;
      }
    };
  }

  @Test
  void staleBookkeepingIsCountedButIsNoLoss() {
    RecoveryReport r = new RecoveryReport("partition 7");
    r.onCorruption(finding("wrong lowest free chunk for tier with index 1, stored: 17, should be: 12"));
    r.onCorruption(finding("lock of segment 3 is not clear: 4294967296"));
    r.onCorruption(finding("Wrong number of entries counter for tier with index 1, stored: 9, should be: 10"));
    assertThat(r.findings()).isEqualTo(3);
    assertThat(r.possibleLosses()).isZero();
  }

  @Test
  void entryFindingsAndUnknownMessagesCountAsPossibleLosses() {
    RecoveryReport r = new RecoveryReport("partition 7");
    r.onCorruption(finding("Wrong key size: 123456, should be ..."));
    r.onCorruption(finding("entries with duplicate key k in segment 3: with values a and b, removing the latter"));
    r.onCorruption(finding("something a later Chronicle version says"));
    r.onCorruption(finding(null));
    assertThat(r.findings()).isEqualTo(4);
    assertThat(r.possibleLosses()).isEqualTo(4);
  }

  /**
   * A real recovery with a finding: a segment lock frozen as held in the file, as a process killed
   * inside a write leaves it. Recovery clears it; the engine counts it, keeps every entry, keeps
   * the epoch, and nothing is logged at ERROR.
   */
  @Test
  void aHeldSegmentLockIsFixedCountedAndNotAnError(@TempDir Path dir) throws Exception {
    ChronicleStorageConfig config = ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(64);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config, () -> Optional.of("boot-1"))) {
      for (int i = 0; i < 50; i++) {
        e.put(0, BucketKey.of("b", "k" + i), new byte[] {(byte) i});
      }
    }
    Files.delete(dir.resolve("clean-shutdown"));
    freezeHeldLock(dir.resolve("partitions"), config);

    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(config, () -> Optional.of("boot-1"))) {
      assertThat(e.recoveredFromCrash()).isTrue();
      assertThat(e.recoveryFindings()).isPositive();
      assertThat(e.recoveryPossibleLosses()).isZero();
      assertThat(e.mayHaveLostWrites()).isFalse();
      for (int i = 0; i < 50; i++) {
        assertThat(e.get(0, BucketKey.of("b", "k" + i))).hasValueSatisfying(v -> assertThat(v).hasSize(1));
      }
    } finally {
      root.detachAppender(logged);
    }
    List<ILoggingEvent> events = logged.list;
    assertThat(events).noneMatch(ev -> ev.getLevel() == Level.ERROR);
    assertThat(events).anyMatch(ev -> ev.getLevel() == Level.WARN
        && ev.getFormattedMessage().startsWith("partition 0: crash recovery fixed stale bookkeeping"));
    assertThat(events).anyMatch(ev -> ev.getFormattedMessage().startsWith("partition 0 recovered: "));
  }

  private static void freezeHeldLock(Path partitions, ChronicleStorageConfig config) throws Exception {
    Path file;
    try (Stream<Path> s = Files.list(partitions)) {
      file = s.filter(p -> p.getFileName().toString().startsWith("p0-")).findFirst().orElseThrow();
    }
    Matcher m = Pattern.compile("p0-e(\\d+)\\.cmap").matcher(file.getFileName().toString());
    assertThat(m.matches()).isTrue();
    Path held = file.resolveSibling("held");
    try (ChronicleMap<byte[], byte[]> map =
        PartitionMap.builder(0, Long.parseLong(m.group(1)), config).createPersistedTo(file.toFile())) {
      try (ExternalMapQueryContext<byte[], byte[], ?> c = map.queryContext(KeyCodec.encode(BucketKey.of("b", "k0")))) {
        c.writeLock().lock();
        Files.copy(file, held); // the file as a process killed now would leave it
      }
    }
    Files.move(held, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
