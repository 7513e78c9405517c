package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.Durability;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigDefaultsTest {

  @TempDir Path dir;

  @Test
  void everySettingHasItsDocumentedDefault() {
    // Only the members are given: with the default n=3 a one-node cluster is invalid.
    NodeConfig c = ConfigFixtures.load(dir, ConfigFixtures.THREE_NODES);

    assertThat(c.node().id()).isEqualTo(NodeId.of("n1"));
    assertThat(c.node().dataDir()).isEqualTo(Path.of("data", "n1"));
    assertThat(c.http()).isEqualTo(new HttpConfig("127.0.0.1", 8098, 1024, 1024, 60_000, 10_000, 64L << 20));
    assertThat(c.internode()).isEqualTo(new InternodeConfig("127.0.0.1", 8099, 4 * 3 + 16, 60_000, 30_000, 128L << 20));
    assertThat(c.binary()).isEqualTo(new BinaryConfig("127.0.0.1", 8097, 1024, 1024, 60_000, 30_000, 64L << 20));
    assertThat(c.cluster().partitions()).isEqualTo(256);
    assertThat(c.cluster().members()).hasSize(3);
    assertThat(c.cluster().members().get(0).weight()).isEqualTo(1);
    assertThat(c.cluster().members().get(0).zone()).isEmpty();
    assertThat(c.defaults()).isEqualTo(new DefaultsConfig(3, 2, 2, ConflictMode.SIBLINGS));
    assertThat(c.timeouts()).isEqualTo(new TimeoutsConfig(5000, 1000));
    assertThat(c.limits()).isEqualTo(new LimitsConfig(1024, 1024 * 1024));
    assertThat(c.storage())
        .isEqualTo(new StorageSettings(Durability.MMAP, 1024, 48, 1024, 4 * 1024 * 1024, 256L * 1024 * 1024));
    assertThat(c.hints()).isEqualTo(new HintsConfig(256L * 1024 * 1024, 16384, 1024, 5000));
    assertThat(c.failureDetector()).isEqualTo(new FailureDetectorConfig(1000, 8.0, 1000, 100, 2000));
    assertThat(c.readRepair()).isEqualTo(new ReadRepairConfig(1000));
    assertThat(c.transport()).isEqualTo(new TransportConfig(1024));
  }

  @Test
  void withoutMembersTheClusterIsThisNodeAlone() {
    NodeConfig c =
        new NodeConfigLoader()
            .load(Optional.empty(), Map.of(), Map.of("defaults.n", "1", "defaults.r", "1", "defaults.w", "1"));

    assertThat(c.cluster().members())
        .containsExactly(
            new MemberConfig(NodeId.of("n1"), "127.0.0.1", 8099, 8098, 1, Optional.empty()));
    assertThat(c.self().id()).isEqualTo(NodeId.of("n1"));
  }

  @Test
  void pureDefaultsAreRejectedBecauseThreeReplicasNeedThreeNodes() {
    assertThatThrownBy(() -> new NodeConfigLoader().load(Optional.empty(), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("defaults.n")
        .hasMessageContaining("1 node(s)");
  }

  @Test
  void dataDirFollowsTheNodeIdAndMaxObjectFollowsTheValueLimit() {
    NodeConfig c =
        ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES.replace("id: n1\n", "id: n2\n"),
            Map.of(), Map.of("limits.max-value-bytes", "1000"));

    assertThat(c.node().dataDir()).isEqualTo(Path.of("data", "n2"));
    assertThat(c.storage().maxObjectBytes()).isEqualTo(4000);
  }

  @Test
  void theFailureDetectorBoundFollowsTheHeartbeatInterval() {
    NodeConfig slow = ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("failure-detector.heartbeat-interval-ms", "1500"));
    assertThat(slow.failureDetector().maxIntervalMs()).isEqualTo(3000);
    NodeConfig fast = ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("failure-detector.heartbeat-interval-ms", "200"));
    assertThat(fast.failureDetector().maxIntervalMs()).isEqualTo(2000); // never below 2 s
    NodeConfig set = ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("failure-detector.max-interval-ms", "5000"));
    assertThat(set.failureDetector().maxIntervalMs()).isEqualTo(5000);
  }

  @Test
  void anEmptyFileChangesNothing() {
    NodeConfig c =
        ConfigFixtures.loadWith(dir, "", Map.of(),
            Map.of("defaults.n", "1", "defaults.r", "1", "defaults.w", "1"));
    assertThat(c.http().port()).isEqualTo(8098);
  }
}
