package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.config.ClusterSecret;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeConfigLoader;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which secret a node signs contexts with: the configured one, or one a node alone keeps in its data directory. */
class NodeRuntimeSecretTest {

  @TempDir Path dir;

  private NodeConfig singleNode(Map<String, String> set) {
    Map<String, String> all = new HashMap<>(Map.of("node.data-dir", dir.toString(), "defaults.n", "1",
        "defaults.r", "1", "defaults.w", "1"));
    all.putAll(set);
    return new NodeConfigLoader().load(Optional.empty(), Map.of(), all);
  }

  @Test
  void aNodeAloneGeneratesItsSecretOnceAndKeepsItAcrossRestarts() throws Exception {
    ClusterSecret first = NodeRuntime.clusterSecret(singleNode(Map.of()), dir);
    assertThat(dir.resolve(ClusterSecret.FILE_NAME)).exists();
    ClusterSecret again = NodeRuntime.clusterSecret(singleNode(Map.of()), dir);
    assertThat(again).isEqualTo(first);
    // contexts issued before a restart still open after it
    BucketKey key = BucketKey.of("b", "k");
    VersionVector v = VersionVector.of(Map.of(Actor.of("n1", 1), 3L));
    assertThat(again.contextTokens().open(key, first.contextTokens().issue(key, v))).isEqualTo(v);
  }

  @Test
  void aConfiguredSecretWinsAndNothingIsGenerated() throws Exception {
    String configured = "Y2Fpcm4gcHJvY2VzcyB0ZXN0IGNsdXN0ZXIgc2VjcmV0IQ==";
    ClusterSecret secret = NodeRuntime.clusterSecret(singleNode(Map.of("cluster.secret", configured)), dir);
    assertThat(secret).isEqualTo(ClusterSecret.parse(configured));
    assertThat(Files.exists(dir.resolve(ClusterSecret.FILE_NAME))).isFalse();
  }
}
