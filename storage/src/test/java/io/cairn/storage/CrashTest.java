package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM writes and reports every completed put, is killed with SIGKILL in the
 * middle of writing, and the store is reopened. Every put the child reported complete must be there,
 * byte for byte.
 */
class CrashTest {

  private static final int KILL_AFTER = 4000;

  @Test
  void mmapModeKeepsEveryCompletedPutAcrossKillDash9(@TempDir Path dir) throws Exception {
    int acked = writeUntilKilled(dir, Durability.MMAP);
    try (ChronicleMapEngine e = ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(128))) {
      assertThat(e.recoveredFromCrash()).isTrue();
      assertAllPresent(e, acked);
    }
  }

  @Test
  void fsyncModeRebuildsEveryCompletedPutFromTheLogAlone(@TempDir Path dir) throws Exception {
    int acked = writeUntilKilled(dir, Durability.FSYNC);
    // Stand-in for a power loss that took every map page with it: delete the maps outright. All
    // the child's writes came after the last checkpoint, so the log alone must restore them.
    try (Stream<Path> maps = Files.list(dir.resolve("partitions"))) {
      for (Path p : maps.toList()) {
        Files.delete(p);
      }
    }
    try (ChronicleMapEngine e = ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, Durability.FSYNC).withInitialEntries(128))) {
      assertThat(e.replayedRecords()).isGreaterThanOrEqualTo(acked);
      assertAllPresent(e, acked);
    }
  }

  private static void assertAllPresent(StorageEngine e, int acked) {
    for (int i = 0; i < acked; i++) {
      int n = i;
      assertThat(e.get(CrashWriter.partitionFor(i), CrashWriter.keyFor(i)))
          .as("completed put %d", i)
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(CrashWriter.valueFor(n)));
    }
  }

  /** Starts the writer, lets it complete {@link #KILL_AFTER} puts, kills it; returns puts reported. */
  private static int writeUntilKilled(Path dir, Durability durability) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(System.getProperty("cairn.chronicle.jvm.args", "").split(" ")));
    command.removeIf(String::isBlank);
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), dir.toString(), durability.configName(), String.valueOf(KILL_AFTER * 10)));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int lastAcked = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      String line;
      while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
        if (line.startsWith("ok ")) {
          lastAcked = Integer.parseInt(line.substring(3));
          if (lastAcked + 1 >= KILL_AFTER) {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lastAcked + 1).as("puts the child completed before the kill").isGreaterThanOrEqualTo(KILL_AFTER);
    return lastAcked + 1;
  }
}
