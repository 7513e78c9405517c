package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.Durability;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import io.cairn.storage.hint.HintStoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigConversionsTest {

  @TempDir Path dir;

  private NodeConfig config() {
    return ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of("CAIRN_CLUSTER_PARTITIONS", "64"),
        Map.of(
            "node.data-dir", "/var/lib/cairn",
            "storage.durability", "fsync",
            "storage.initial-entries-per-partition", "4096",
            "storage.average-key-bytes", "32",
            "storage.average-value-bytes", "512",
            "storage.max-object-bytes", "8388608",
            "hints.max-bytes", "1073741824",
            "hints.expected-hints", "1000",
            "hints.average-object-bytes", "2048",
            "defaults.conflict-mode", "lww"));
  }

  @Test
  void storageConfigCarriesEverySetting() {
    NodeConfig c = config();
    ChronicleStorageConfig s = c.toStorageConfig();
    assertThat(s).isEqualTo(new ChronicleStorageConfig(
        Path.of("/var/lib/cairn", "storage"), Durability.FSYNC, 4096, 32, 512, 8388608));
    // And back: the engine settings read out equal what was configured.
    assertThat(new StorageSettings(s.durability(), s.initialEntriesPerPartition(),
            s.averageKeyBytes(), s.averageValueBytes(), s.maxValueBytes(), c.storage().minFreeBytes()))
        .isEqualTo(c.storage());
  }

  @Test
  void hintStoreConfigIsBoundedByTheStoredObject() {
    NodeConfig c = config();
    HintStoreConfig h = c.toHintStoreConfig();
    assertThat(h).isEqualTo(new HintStoreConfig(1073741824L, 8388608, 1000, 2048));
    assertThat(h.maxObjectBytes()).isEqualTo(c.storage().maxObjectBytes());
  }

  @Test
  void bucketDefaultsAreValidForTheCluster() {
    NodeConfig c = config();
    BucketProps props = c.bucketDefaults();
    assertThat(props).isEqualTo(new BucketProps(3, 2, 2, ConflictMode.LWW));
    assertThat(props.validate(c.cluster().members().size())).isEqualTo(props);
  }

  @Test
  void ringMembersKeepIdWeightAndZone() {
    NodeConfig c = config();
    assertThat(c.ringMembers())
        .containsExactly(Member.of("n1"), Member.of("n2"), Member.of("n3", 2, "b"));
    assertThat(c.partitioner().partitionCount()).isEqualTo(64);
    assertThat(c.self().toMember().id()).isEqualTo(NodeId.of("n1"));
  }

  @Test
  void defaultConversionsAreAcceptedByTheStorageTypes() {
    // The loader's checks are a superset of the storage records' own, so a loaded config
    // never fails at conversion time.
    NodeConfig c = ConfigFixtures.load(dir, ConfigFixtures.THREE_NODES);
    assertThat(c.toStorageConfig().maxValueBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(c.toHintStoreConfig().maxBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(c.ringMembers()).extracting(Member::id).map(NodeId::value)
        .isEqualTo(List.of("n1", "n2", "n3"));
  }
}
