package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV679 scenario with real processes, where only the storage directory is lost: n1 is killed,
 * its {@code storage} directory deleted, and it restarts with its identity and dot lease kept. Its
 * own actor dotted the keys before the loss, so a write it coordinates right after must be minted
 * under a new actor: under the old one the new write's clock would claim to have seen the old dots,
 * and every replica would drop the acknowledged values it never saw.
 *
 * <p>Anti-entropy is slowed to a crawl so that nothing refills n1 before the new writes: the guard
 * must hold on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostStorageKeptIdentityTest {

  private static final String CONFIG = "anti-entropy:\n  interval-ms: 600000\n";
  private static final int N1 = 0;

  @TempDir
  static Path dir;
  private NodeProcesses nodes;
  private KeyValueHttp kv;
  private String contextOfFirstRead;
  private double epochBefore;

  @BeforeAll
  void writeThroughN1ThenLoseItsStorageOnly() throws Exception {
    nodes = new NodeProcesses(dir, 3, CONFIG);
    for (int i = 0; i < 3; i++) {
      nodes.start(i);
    }
    for (int i = 0; i < 3; i++) {
      nodes.awaitReady(i, Duration.ofSeconds(90));
    }
    kv = new KeyValueHttp(nodes, "lost-storage");
    // every replica holds each value (w=3), dotted by n1's actor
    kv.put(N1, "blind", "before-loss", null, 3);
    contextOfFirstRead = kv.put(N1, "stale", "first", null, 3);
    kv.put(N1, "stale", "second", contextOfFirstRead, 3);
    epochBefore = kv.epoch(N1);

    nodes.kill(N1);
    Path storage = dir.resolve("data-n1").resolve("storage");
    try (Stream<Path> files = Files.walk(storage)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertThat(dir.resolve("data-n1").resolve("identity.properties")).exists();
    assertThat(dir.resolve("data-n1").resolve("dot-lease")).exists();
    nodes.start(N1);
    nodes.awaitReady(N1, Duration.ofSeconds(90));
  }

  @AfterAll
  void stopNodes() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void aBlindWriteRightAfterTheLossIsASiblingOfTheValueWrittenBefore() throws Exception {
    kv.put(N1, "blind", "after-loss", null, 2);

    for (int via = 0; via < 3; via++) {
      assertThat(kv.readAll(via, "blind")).as("read of the blind-written key via n%d", via + 1)
          .containsExactlyInAnyOrder("before-loss", "after-loss");
    }
    assertThat(kv.epoch(N1)).as("n1's replica epoch after its storage was lost").isNotEqualTo(epochBefore);
  }

  @Test
  void aWriteWithAContextReadBeforeTheLossSupersedesOnlyWhatThatReadSaw() throws Exception {
    // the context saw "first" but not "second", which another write put over it before the loss
    kv.put(N1, "stale", "third", contextOfFirstRead, 2);

    for (int via = 0; via < 3; via++) {
      assertThat(kv.readAll(via, "stale")).as("read of the key written with an old context via n%d", via + 1)
          .containsExactlyInAnyOrder("second", "third");
    }
  }
}
