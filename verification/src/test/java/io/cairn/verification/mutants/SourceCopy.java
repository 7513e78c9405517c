package io.cairn.verification.mutants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of what a build of the project needs: the root pom, each module's pom and {@code src},
 * and {@code .mvn} if there is one. No {@code target/}, so every nested build compiles the mutant
 * from scratch and nothing of the real build leaks into it.
 */
public final class SourceCopy {

  private SourceCopy() {}

  /** Replaces {@code to} (deleted first if present) with a fresh copy of the project at {@code from}. */
  public static void copy(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from.resolve("pom.xml"))) {
      throw new IOException(from + " is not a project root (no pom.xml)");
    }
    delete(to);
    Files.createDirectories(to);
    Files.copy(from.resolve("pom.xml"), to.resolve("pom.xml"));
    if (Files.isDirectory(from.resolve(".mvn"))) {
      copyTree(from.resolve(".mvn"), to.resolve(".mvn"));
    }
    try (Stream<Path> children = Files.list(from)) {
      for (Path module : children.filter(Files::isDirectory).sorted().toList()) {
        Path name = module.getFileName();
        if (name.toString().startsWith(".") || name.toString().equals("target")) {
          continue;
        }
        // docs, scripts, conf: no build needs them
        if (Files.isRegularFile(module.resolve("pom.xml"))) {
          Files.createDirectories(to.resolve(name));
          Files.copy(module.resolve("pom.xml"), to.resolve(name).resolve("pom.xml"));
        }
        if (Files.isDirectory(module.resolve("src"))) {
          copyTree(module.resolve("src"), to.resolve(name).resolve("src"));
        }
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + p, e);
        }
      }
    }
  }
}
