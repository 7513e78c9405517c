package io.cairn.storage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where benchmarks keep their data, and the checks every benchmark JVM passes before opening a map. */
final class BenchEnvironment {

  /**
   * Relative to the working directory, which the bench profile sets to the storage module, so the
   * data lands in storage/target/bench and {@code mvn clean} removes whatever a killed run leaves.
   */
  private static final Path BASE = Path.of(System.getProperty("cairn.bench.dir", "target/bench"));

  private BenchEnvironment() {}

  /**
   * Fails unless this JVM got the Chronicle flags. JMH forks do not see Maven properties, so a fork
   * started some other way (an IDE, a hand-written command) could otherwise open a map that reports
   * usage statistics, which the project never allows.
   */
  static void requireChronicleFlags() {
    if (!"true".equals(System.getProperty("chronicle.analytics.disable"))) {
      throw new IllegalStateException(
          "this JVM lacks -Dchronicle.analytics.disable=true and the other Chronicle flags; run the"
              + " benchmarks through the bench profile (see docs/storage-benchmarks.md), or pass the"
              + " parent pom's chronicle.jvm.args with -jvmArgsAppend");
    }
  }

  /** An empty directory {@code <base>/<name>}; anything left there by an earlier run is removed. */
  static Path freshDirectory(String name) {
    Path dir = BASE.resolve(name).toAbsolutePath();
    deleteRecursively(dir);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
