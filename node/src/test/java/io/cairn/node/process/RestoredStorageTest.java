package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * n1's storage directory is swapped for an old copy, as a restore from backup would, while its
 * identity and dot lease stay current. The old copy looks clean (it was taken after a clean stop),
 * yet it lacks a value n1's own actor dotted later: the node must notice that this is not the
 * storage it last ran with and take a new epoch, or its next write claims to have seen that value
 * and every replica drops it.
 */
class RestoredStorageTest {

  /** Anti-entropy slowed to a crawl: nothing refills n1 before its first write, the guard must hold alone. */
  private static final String CONFIG = "anti-entropy:\n  interval-ms: 600000\n";
  private static final int N1 = 0;

  @Test
  void aNodeOnAnOldCopyOfItsStorageDropsNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
    try (NodeProcesses nodes = new NodeProcesses(dir, 3, CONFIG)) {
      for (int i = 0; i < 3; i++) {
        nodes.start(i);
      }
      for (int i = 0; i < 3; i++) {
        nodes.awaitReady(i, Duration.ofSeconds(90));
      }
      KeyValueHttp kv = new KeyValueHttp(nodes, "restored");
      String context = kv.put(N1, "k", "backed-up", null, 3);

      Path storage = dir.resolve("data-n1").resolve("storage");
      Path backup = dir.resolve("backup-n1-storage");
      nodes.stop(N1);
      copy(storage, backup);

      nodes.start(N1);
      nodes.awaitReady(N1, Duration.ofSeconds(90));
      // acknowledged by every replica, dotted by n1's actor, and missing from the backup
      kv.put(N1, "k", "after-backup", context, 3);
      double epochBefore = kv.epoch(N1);
      nodes.stop(N1);

      delete(storage);
      copy(backup, storage);
      nodes.start(N1);
      nodes.awaitReady(N1, Duration.ofSeconds(90));
      kv.put(N1, "k", "after-restore", null, 2);

      for (int via = 0; via < 3; via++) {
        // "backed-up" was superseded by "after-backup", whose writer had read it
        assertThat(kv.readAll(via, "k")).as("read via n%d", via + 1)
            .containsExactlyInAnyOrder("after-backup", "after-restore");
      }
      assertThat(kv.epoch(N1)).as("n1's replica epoch on the restored storage").isNotEqualTo(epochBefore);
      assertThat(Files.readString(dir.resolve("n1.log"))).contains("not the one this node last ran with");
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
