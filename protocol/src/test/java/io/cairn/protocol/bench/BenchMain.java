package io.cairn.protocol.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * What this module's {@code -Pbench} profile runs: JMH's own {@code Main}, except that when the
 * benchmark patterns match none of this module's benchmarks it says so and exits 0. With
 * {@code -am} every module of the reactor that has the profile runs it with the same
 * {@code jmh.args}, so a pattern meant for another module must not fail this one.
 */
public final class BenchMain {
  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    CommandLineOptions options = new CommandLineOptions(args);
    List<String> includes = options.getIncludes();
    if (!includes.isEmpty() && !options.shouldList() && !options.shouldHelp() && !options.shouldListProfilers()
        && !options.shouldListResultFormats() && !anyMatch(includes)) {
      System.out.println("no benchmark of this module matches " + includes + "; nothing to run here");
      return;
    }
    org.openjdk.jmh.Main.main(args);
  }

  private static boolean anyMatch(List<String> includes) throws Exception {
    List<String> names = new ArrayList<>();
    try (InputStream in = BenchMain.class.getResourceAsStream("/META-INF/BenchmarkList")) {
      if (in == null) {
        return false;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        // each line: "JMH S <len> <benchmark class> S <len> <generated class> S <len> <method> ..."
        String[] parts = line.split(" ");
        if (parts.length > 9) {
          names.add(parts[3] + "." + parts[9]);
        }
      }
    }
    for (String include : includes) {
      Pattern p = Pattern.compile(include);
      for (String name : names) {
        if (p.matcher(name).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
