package io.cairn.verification.mutants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One nested Maven build in a mutant's copy: offline (the local repository already holds every
 * plugin and library), output to a log file, and bounded in time so a hung build is reported
 * instead of waited on forever.
 */
public final class NestedBuild {

  /** How a nested build ended. */
  public record Outcome(int exitCode, boolean timedOut, Duration took, Path log) {}

  private final String mvn;
  private final Duration timeout;

  public NestedBuild(String mvn, Duration timeout) {
    this.mvn = mvn;
    this.timeout = timeout;
  }

  /** The command that runs {@code layer}'s tests in the copy (without the mvn executable itself). */
  static List<String> arguments(Layer layer) {
    List<String> args = new ArrayList<>(List.of("-o", "-B", "-Dstyle.color=never", "verify",
        "-pl", layer.module(), "-am",
        "-Dtest=" + layer.testSelection(), "-Dsurefire.failIfNoSpecifiedTests=false"));
    args.addAll(layer.propertyOptions());
    return args;
  }

  /** Runs {@code mvn args} in {@code copy}, writing everything it prints to {@code log}. */
  public Outcome run(Path copy, List<String> args, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(mvn);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(copy.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // the outer build's project directory must not leak in: the copy is a project of its own
    env.remove("MAVEN_BASEDIR");
    env.remove("MAVEN_PROJECTBASEDIR");
    long began = System.nanoTime();
    Process p = pb.start();
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      // the forked test JVMs too, not only the Maven process
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    return new Outcome(finished ? p.exitValue() : -1, !finished, took, log);
  }
}
