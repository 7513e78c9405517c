package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigPrecedenceTest {

  @TempDir Path dir;

  private static final String FILE =
      ConfigFixtures.THREE_NODES
          + """
          http:
            port: 8100
          timeouts:
            request-ms: 7000
          storage:
            durability: fsync
          """;

  @Test
  void fileBeatsDefaults() {
    NodeConfig c = ConfigFixtures.load(dir, FILE);
    assertThat(c.http().port()).isEqualTo(8100);
    assertThat(c.timeouts().requestMs()).isEqualTo(7000);
    assertThat(c.internode().port()).isEqualTo(8099); // untouched default survives the merge
  }

  @Test
  void environmentBeatsFile() {
    NodeConfig c =
        ConfigFixtures.loadWith(dir, FILE,
            Map.of("CAIRN_HTTP_PORT", "8101", "CAIRN_STORAGE_DURABILITY", "mmap"), Map.of());
    assertThat(c.http().port()).isEqualTo(8101);
    assertThat(c.storage().durability().configName()).isEqualTo("mmap");
    assertThat(c.timeouts().requestMs()).isEqualTo(7000);
  }

  @Test
  void overridesBeatEnvironment() {
    NodeConfig c =
        ConfigFixtures.loadWith(dir, FILE,
            Map.of("CAIRN_HTTP_PORT", "8101", "CAIRN_TIMEOUTS_REQUEST_MS", "6000"),
            Map.of("http.port", "8102"));
    assertThat(c.http().port()).isEqualTo(8102);
    assertThat(c.timeouts().requestMs()).isEqualTo(6000);
  }

  @Test
  void environmentNamesAreUpperSnakeOfTheDottedKey() {
    NodeConfig c =
        ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES.replace("id: n1\n", "id: n2\n"),
            Map.of("CAIRN_NODE_ID", "n1",
                "CAIRN_FAILURE_DETECTOR_PHI_THRESHOLD", "9.5",
                "CAIRN_HTTP_MAX_CONCURRENT_REQUESTS", "64",
                "PATH", "/usr/bin"), // variables without the prefix are none of our business
            Map.of());
    assertThat(c.node().id().value()).isEqualTo("n1");
    assertThat(c.failureDetector().phiThreshold()).isEqualTo(9.5);
    assertThat(c.http().maxConcurrentRequests()).isEqualTo(64);
  }

  @Test
  void everySettingHasADistinctEnvironmentName() {
    assertThat(Settings.ALL.stream().map(Setting::envName)).doesNotHaveDuplicates();
    assertThat(Settings.byKey("storage.max-object-bytes").orElseThrow().envName())
        .isEqualTo("CAIRN_STORAGE_MAX_OBJECT_BYTES");
  }

  @Test
  void setFlagsParseIntoOverrides() {
    assertThat(NodeConfigLoader.parseOverrides(List.of("http.port=8101", "node.id = n2")))
        .containsEntry("http.port", "8101")
        .containsEntry("node.id", " n2");
    NodeConfig c = ConfigFixtures.loadWith(dir, FILE, Map.of(),
        NodeConfigLoader.parseOverrides(List.of("http.port=8105")));
    assertThat(c.http().port()).isEqualTo(8105);
  }

  @Test
  void quotedNumbersInTheFileAreAccepted() {
    NodeConfig c = ConfigFixtures.load(dir, FILE.replace("port: 8100", "port: \"8100\""));
    assertThat(c.http().port()).isEqualTo(8100);
  }
}
