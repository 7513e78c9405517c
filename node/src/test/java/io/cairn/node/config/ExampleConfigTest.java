package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps the shipped example and the reference documentation from rotting. */
class ExampleConfigTest {

  // Tests run with node/ as the working directory.
  private static final Path EXAMPLE = Path.of("..", "conf", "cairn.yaml");
  private static final Path DOCS = Path.of("..", "docs", "configuration.md");

  @Test
  void theExampleLoadsAndIsValid() {
    NodeConfig c = new NodeConfigLoader().load(Optional.of(EXAMPLE), Map.of(), Map.of());
    assertThat(c.node().id().value()).isEqualTo("n1");
    assertThat(c.cluster().members()).hasSize(1);
    assertThat(c.self().httpPort()).isEqualTo(c.http().port());
    assertThat(c.self().internodePort()).isEqualTo(c.internode().port());
  }

  /** Settings a single-node example must not set; it shows them as comments instead. */
  private static final Set<String> COMMENTED_OUT = Set.of("cluster.secret", "cluster.secret-file");

  @Test
  void theExampleListsEverySettingWithItsDefault() throws IOException {
    JsonNode tree = new YAMLMapper().readTree(EXAMPLE.toFile());
    String text = Files.readString(EXAMPLE);
    for (Setting s : Settings.ALL) {
      String[] parts = s.key().split("\\.");
      if (COMMENTED_OUT.contains(s.key())) {
        assertThat(text).as("%s is shown, commented out, in conf/cairn.yaml", s.key()).contains("# " + parts[1] + ":");
        continue;
      }
      JsonNode value = tree.path(parts[0]).path(parts[1]);
      assertThat(value.isMissingNode()).as("%s is in conf/cairn.yaml", s.key()).isFalse();
      // n/r/w differ on purpose: a single node cannot hold three replicas (the comment says so).
      boolean quorumSetting = s.key().matches("defaults\\.[nrw]");
      if (s.defaultValue().isPresent() && !quorumSetting) {
        assertThat(value.asText()).as("default of %s", s.key()).isEqualTo(s.defaultValue().get());
      }
    }
  }

  @Test
  void theDocumentationCoversEverySettingAndVariable() throws IOException {
    String docs = Files.readString(DOCS);
    for (Setting s : Settings.ALL) {
      assertThat(docs).as("docs/configuration.md").contains("`" + s.key() + "`");
      if (s.fromEnvironment()) {
        assertThat(docs).contains("`" + s.envName() + "`");
      }
    }
  }
}
