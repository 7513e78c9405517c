package io.cairn.verification.mutants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What one layer's nested build says about a mutant, read from its surefire reports (the failing
 * test cases) and its log (the simulator's failing seeds and their replay commands).
 */
public record LayerVerdict(String layer, String module, Kind kind, List<String> failedCases, List<Long> seeds,
    List<String> replays, NestedBuild.Outcome outcome) {

  /**
   * CAUGHT: a test failed. MISSED: every test passed. TIMEOUT: stopped at the time bound. BROKEN:
   * the build failed without a failing test (the mutant does not compile, say).
   */
  public enum Kind { CAUGHT, MISSED, TIMEOUT, BROKEN }

  // SimulationTest prints "FAILED seed 17: INVALID, ..." and "  replay: mvn ..." for each failing seed
  private static final Pattern FAILED_SEED = Pattern.compile("^FAILED seed (\\d+): ");
  private static final Pattern REPLAY = Pattern.compile("^\\s*replay: (mvn .*)$");

  static LayerVerdict read(Layer layer, Path copy, NestedBuild.Outcome outcome) throws IOException {
    List<String> failed = failedCases(copy.resolve(layer.module()).resolve("target").resolve("surefire-reports"));
    List<Long> seeds = new ArrayList<>();
    List<String> replays = new ArrayList<>();
    if (Files.isRegularFile(outcome.log())) {
      for (String line : Files.readAllLines(outcome.log(), StandardCharsets.UTF_8)) {
        Matcher f = FAILED_SEED.matcher(line);
        if (f.find()) {
          seeds.add(Long.parseLong(f.group(1)));
        }
        Matcher r = REPLAY.matcher(line);
        if (r.find()) {
          replays.add(r.group(1));
        }
      }
    }
    Kind kind;
    if (outcome.timedOut()) {
      kind = Kind.TIMEOUT;
    } else if (outcome.exitCode() == 0) {
      kind = Kind.MISSED;
    } else if (!failed.isEmpty()) {
      kind = Kind.CAUGHT;
    } else {
      kind = Kind.BROKEN;
    }
    return new LayerVerdict(layer.name(), layer.module(), kind, failed, seeds, replays, outcome);
  }

  /** {@code Class#method} of every test case that failed or erred, from surefire's XML reports. */
  static List<String> failedCases(Path reports) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(reports)) {
      files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
    }
    for (Path file : files) {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList cases = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
          Element c = (Element) cases.item(i);
          if (c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0) {
            String cls = c.getAttribute("classname");
            out.add(cls.substring(cls.lastIndexOf('.') + 1) + "#" + c.getAttribute("name"));
          }
        }
      } catch (Exception e) {
        throw new IOException("cannot read the surefire report " + file, e);
      }
    }
    return out;
  }

  boolean caught() {
    return kind == Kind.CAUGHT;
  }

  /** The evidence: the first failing seed if the simulator caught it, else the failing test cases. */
  String evidence() {
    if (!seeds.isEmpty()) {
      return "seed " + seeds.get(0);
    }
    if (failedCases.size() <= 2) {
      return String.join(", ", failedCases);
    }
    return failedCases.get(0) + ", " + failedCases.get(1) + " (+" + (failedCases.size() - 2) + " more)";
  }
}
