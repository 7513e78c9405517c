package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose data volume fills up (a real, small tmpfs): writes are refused with 507 before the
 * volume is full (no crash, no 500, /health answers throughout), and after a kill -9 and freeing
 * space the node starts at once with every acknowledged write intact.
 */
class DiskFullRestartTest {

  private static final int VALUE_BYTES = 16 * 1024;
  private static final long FILLER_BYTES = 6L * 1024 * 1024;

  @Test
  void aFullDiskRefusesWritesWith507AndTheNodeRestartsOnceSpaceIsFreed(@TempDir Path dir) throws Exception {
    Path disk = Files.createDirectories(dir.resolve("data-n1"));
    mountTmpfs(disk, "32m");
    String yaml = "defaults:\n  n: 1\n  r: 1\n  w: 1\n"
        + "hints:\n  expected-hints: 64\n  delivery-interval-ms: 500\n"
        + "anti-entropy:\n  interval-ms: 100000\n";
    // the storage section of NodeProcesses is extended by a second key under the same section
    try (NodeProcesses node = new NodeProcesses(dir, 1, yaml, "  min-free-bytes: 4194304\n  initial-entries-per-partition: 64\n")) {
      Path filler = disk.resolve("filler");
      Files.write(filler, new byte[(int) FILLER_BYTES]);
      long firstStarted = System.nanoTime();
      node.start(0);
      node.awaitReady(0, Duration.ofSeconds(90));
      Duration firstStartup = Duration.ofNanos(System.nanoTime() - firstStarted);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong slowestHealthMillis = new AtomicLong();
      AtomicReference<String> healthFailure = new AtomicReference<>();
      Thread health = new Thread(() -> {
        while (!stop.get()) {
          long t = System.nanoTime();
          try {
            int status = node.send(0, HttpRequest.newBuilder(node.uri(0, "/health")).GET()).statusCode();
            if (status != 200) {
              healthFailure.set("/health answered " + status);
            }
          } catch (IOException | InterruptedException e) {
            healthFailure.compareAndSet(null, "/health failed: " + e);
          }
          slowestHealthMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t), Math::max);
          sleep(100);
        }
      }, "health-probe");
      health.start();

      List<Integer> acknowledged = new ArrayList<>();
      HttpResponse<String> refusal = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
        HttpResponse<String> r = put(node, i);
        if (r.statusCode() == 204) {
          acknowledged.add(i);
          continue;
        }
        assertThat(r.statusCode()).as("answer to write %d: %s", i, r.body()).isEqualTo(507);
        refusal = r;
        if (put(node, i + 1).statusCode() == 507 && put(node, i + 2).statusCode() == 507) {
          break; // refused steadily, not by a passing hiccup
        }
      }
      stop.set(true);
      health.join();

      assertThat(refusal).as("writes were refused before the deadline").isNotNull();
      assertThat(refusal.body()).contains("\"path\"", disk.toString(), "\"freeBytes\"", "storage.min-free-bytes");
      assertThat(acknowledged).as("writes acknowledged before the disk filled").hasSizeGreaterThan(50);
      assertThat(node.processes[0].isAlive()).as("the node survived the full disk").isTrue();
      assertThat(healthFailure.get()).isNull();
      assertThat(slowestHealthMillis.get()).as("slowest /health answer, ms").isLessThan(1000);
      // reads keep working on the full disk
      assertThat(get(node, acknowledged.get(0)).statusCode()).isEqualTo(200);

      System.out.printf("disk full after %d acknowledged writes of %d bytes; slowest /health %d ms; first start %s%n",
          acknowledged.size(), VALUE_BYTES, slowestHealthMillis.get(), firstStartup);
      node.kill(0);
      Files.delete(filler);
      long started = System.nanoTime();
      node.start(0);
      node.awaitReady(0, Duration.ofSeconds(90));
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      // as quick as a normal start (mostly JVM and Chronicle warm-up, slow on a busy machine): no
      // minute-long wait on a map file the full disk left behind
      assertThat(startup).as("start after freeing space, first start took %s", firstStartup)
          .isLessThan(firstStartup.multipliedBy(2).plusSeconds(10))
          .isLessThan(Duration.ofSeconds(55));
      System.out.printf("restart after freeing space took %s%n", startup);
      for (int i : acknowledged) {
        HttpResponse<String> r = get(node, i);
        assertThat(r.statusCode()).as("acknowledged key %d", i).isEqualTo(200);
        assertThat(r.body()).as("acknowledged key %d", i).isEqualTo(value(i));
      }
      assertThat(put(node, 1_000_000).statusCode()).as("writes go on once space is freed").isEqualTo(204);
    } finally {
      unmount(disk);
      // kept for a look after a failure (the temporary directory goes away)
      Path log = dir.resolve("n1.log");
      if (Files.exists(log)) {
        Files.copy(log, Files.createDirectories(Path.of("target")).resolve("disk-full-n1.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static HttpResponse<String> put(NodeProcesses node, int i) throws Exception {
    return node.send(0, HttpRequest.newBuilder(node.uri(0, "/v1/buckets/full/keys/k" + i))
        .header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString(value(i))));
  }

  private static HttpResponse<String> get(NodeProcesses node, int i) throws Exception {
    return node.send(0, HttpRequest.newBuilder(node.uri(0, "/v1/buckets/full/keys/k" + i)).GET());
  }

  private static String value(int i) {
    String head = "value-" + i + "-";
    return head + "x".repeat(VALUE_BYTES - head.length());
  }

  private static void mountTmpfs(Path at, String size) throws Exception {
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    assumeTrue(mounted, "this test mounts a small tmpfs to fill it up, which needs root (mount said: " + out.trim() + ")");
  }

  private static void unmount(Path at) throws Exception {
    Process p = new ProcessBuilder("umount", "-l", at.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
