package io.cairn.storage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reports a directory's size both ways: Chronicle map files are sparse, so their length (apparent
 * size) overstates what they occupy; {@code du} counts the blocks actually allocated.
 */
final class DiskUsage {

  private DiskUsage() {}

  static void print(String what, Path dir) {
    System.out.printf("# disk use of %s (%s): %s allocated (du), %.1f MiB apparent%n",
        what, dir, allocated(dir), apparentBytes(dir) / 1048576.0);
  }

  private static long apparentBytes(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Java cannot read a file's allocated blocks, so ask du; on a system without it, say so. */
  private static String allocated(Path dir) {
    try {
      Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (du.waitFor() != 0) {
        return "unknown (du failed: " + out + ")";
      }
      long kib = Long.parseLong(out.split("\\s+")[0]);
      return String.format("%.1f MiB", kib / 1024.0);
    } catch (IOException | NumberFormatException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }
}
