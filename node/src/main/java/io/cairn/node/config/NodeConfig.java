package io.cairn.node.config;

import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import io.cairn.storage.hint.HintStoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration of a node, one record per YAML section. Build one with {@link
 * NodeConfigLoader}, which validates it; the records themselves only reject nulls, so that the
 * loader can report every problem at once instead of the first one a constructor trips on.
 */
public record NodeConfig(
    NodeSettings node,
    HttpConfig http,
    InternodeConfig internode,
    BinaryConfig binary,
    ClusterConfig cluster,
    DefaultsConfig defaults,
    TimeoutsConfig timeouts,
    LimitsConfig limits,
    StorageSettings storage,
    HintsConfig hints,
    FailureDetectorConfig failureDetector,
    ReadRepairConfig readRepair,
    TransportConfig transport,
    AntiEntropyConfig antiEntropy) {

  /** Subdirectory of {@code node.data-dir} that holds the storage engine's files. */
  public static final String STORAGE_SUBDIR = "storage";

  public NodeConfig {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(internode, "internode");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(hints, "hints");
    Objects.requireNonNull(failureDetector, "failureDetector");
    Objects.requireNonNull(readRepair, "readRepair");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(antiEntropy, "antiEntropy");
  }

  /** Where the storage engine lives: {@code <node.data-dir>/storage}. */
  public Path storageDirectory() {
    return node.dataDir().resolve(STORAGE_SUBDIR);
  }

  /** Storage engine settings. The engine's per-object bound is the stored sibling set's. */
  public ChronicleStorageConfig toStorageConfig() {
    return new ChronicleStorageConfig(
        storageDirectory(),
        storage.durability(),
        storage.initialEntriesPerPartition(),
        storage.averageKeyBytes(),
        storage.averageValueBytes(),
        storage.maxObjectBytes());
  }

  /**
   * Hint store settings. A hint carries a whole stored object, so its bound is
   * {@code storage.max-object-bytes}: a bigger one could not be stored by its target anyway.
   */
  public HintStoreConfig toHintStoreConfig() {
    return new HintStoreConfig(
        hints.maxBytes(), storage.maxObjectBytes(), hints.expectedHints(), hints.averageObjectBytes());
  }

  /** Props of buckets that have none of their own. */
  public BucketProps bucketDefaults() {
    return new BucketProps(defaults.n(), defaults.r(), defaults.w(), defaults.conflictMode());
  }

  /** The members as the ring sees them, sorted by id (as {@code Ring} keeps them). */
  public List<Member> ringMembers() {
    return cluster.members().stream().map(MemberConfig::toMember).sorted().toList();
  }

  /** The partitioner for {@code cluster.partitions}. */
  public Partitioner partitioner() {
    return new Partitioner(cluster.partitions());
  }

  /** This node's own entry in {@code cluster.members}; the loader guarantees there is one. */
  public MemberConfig self() {
    return cluster.members().stream()
        .filter(m -> m.id().equals(node.id()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("node " + node.id() + " is not a member"));
  }
}
