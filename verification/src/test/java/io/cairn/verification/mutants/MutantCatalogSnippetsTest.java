package io.cairn.verification.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cheap checks of the mutant catalogue that run in every build (the mutants themselves run only
 * with -Pmutants): every edit still finds its original text exactly once in today's sources, so a
 * refactor that moves the code fails here at once, not in a long run that tests nothing.
 */
class MutantCatalogSnippetsTest {

  private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .toAbsolutePath().getParent();

  @Test
  void everyEditOfTheCatalogueFindsItsOriginalExactlyOnceInTodaysSources() throws Exception {
    MutantCatalog catalog = MutantCatalog.load();
    assertThat(catalog.mutants()).extracting(Mutant::name).contains("merge-drops-sibling", "reap-ignores-primaries",
        "epoch-not-bumped", "hints-never-delivered-and-aae-off", "read-repair-writes-stale");
    List<String> problems = new ArrayList<>();
    for (Mutant m : catalog.mutants()) {
      // edits of one file apply in order, each to the text the previous ones left
      Map<String, String> texts = new HashMap<>();
      for (Edit e : m.edits()) {
        Path file = ROOT.resolve(e.file());
        if (!Files.isRegularFile(file)) {
          problems.add(m.name() + ": no file " + e.file());
          continue;
        }
        String text = texts.computeIfAbsent(e.file(), f -> read(file));
        try {
          texts.put(e.file(), e.applyTo(text));
        } catch (MutantEditException ex) {
          problems.add(m.name() + ": " + ex.getMessage());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void anEditWhoseOriginalIsMissingOrRepeatedFailsLoudly() {
    Edit e = new Edit("A.java", "x > 0", "x >= 0");
    assertThat(e.applyTo("if (x > 0) {}")).isEqualTo("if (x >= 0) {}");
    assertThatThrownBy(() -> e.applyTo("if (x > 1) {}")).isInstanceOf(MutantEditException.class)
        .hasMessageContaining("occurs 0 times");
    assertThatThrownBy(() -> e.applyTo("if (x > 0 && x > 0) {}")).isInstanceOf(MutantEditException.class)
        .hasMessageContaining("occurs 2 times");
  }

  @Test
  void aMutantNamingAnUnknownLayerOrAnUnknownSelectionIsRejected() throws Exception {
    String yaml = """
        layers:
          unit: {module: protocol, tests: [DvvSetTest]}
        mutants:
          - name: m
            models: a bug
            edits: [{file: A.java, original: a, replacement: b}]
            layers: [unit, nowhere]
        """;
    assertThatThrownBy(() -> MutantCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("unknown layer nowhere");
    MutantCatalog ok = MutantCatalog.parse(new ByteArrayInputStream(
        yaml.replace(", nowhere", "").getBytes(StandardCharsets.UTF_8)));
    assertThat(ok.select("")).hasSize(1);
    assertThatThrownBy(() -> ok.select("m,typo")).hasMessageContaining("no mutant named typo");
    assertThat(NestedBuild.arguments(ok.layer("unit"))).containsSequence("-pl", "protocol", "-am")
        .contains("-o", "-Dtest=DvvSetTest", "-Dsurefire.failIfNoSpecifiedTests=false");
  }

  @Test
  void theCopyHoldsPomsAndSourcesButNoBuildOutput(@TempDir Path tmp) throws Exception {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("mod/src/main/java"));
    Files.createDirectories(project.resolve("mod/target/classes"));
    Files.createDirectories(project.resolve("docs"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Files.writeString(project.resolve("mod/pom.xml"), "<project/>");
    Files.writeString(project.resolve("mod/src/main/java/A.java"), "class A {}");
    Files.writeString(project.resolve("mod/target/classes/A.class"), "x");
    Files.writeString(project.resolve("docs/x.md"), "x");
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy.resolve("stale"));
    SourceCopy.copy(project, copy);
    assertThat(copy.resolve("mod/src/main/java/A.java")).hasContent("class A {}");
    assertThat(copy.resolve("mod/pom.xml")).exists();
    assertThat(copy.resolve("mod/target")).doesNotExist();
    assertThat(copy.resolve("docs")).doesNotExist();
    assertThat(copy.resolve("stale")).as("an old copy is replaced").doesNotExist();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
