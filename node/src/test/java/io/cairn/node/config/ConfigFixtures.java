package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers shared by the configuration tests. */
final class ConfigFixtures {

  /** A valid cluster secret: base64 of 32 bytes. */
  static final String SECRET = "K3nq1e0l2n6y1o1nM3bqY2xZc2VjcmV0LWZvci10ZXN0cw==";

  /** A valid three-node loopback cluster, as this node (n1) would see it. */
  static final String THREE_NODES =
      """
      node:
        id: n1
      cluster:
        secret: "%s"
        members:
          - {id: n1, host: 127.0.0.1, internode-port: 8099, http-port: 8098}
          - {id: n2, host: 127.0.0.1, internode-port: 8199, http-port: 8198}
          - {id: n3, host: 127.0.0.1, internode-port: 8299, http-port: 8298, weight: 2, zone: b}
      """.formatted(ConfigFixtures.SECRET);

  private ConfigFixtures() {}

  static Path write(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("cairn.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NodeConfig load(Path dir, String yaml) {
    return new NodeConfigLoader().load(Optional.of(write(dir, yaml)), Map.of(), Map.of());
  }

  static NodeConfig loadWith(Path dir, String yaml, Map<String, String> env, Map<String, String> set) {
    return new NodeConfigLoader().load(Optional.of(write(dir, yaml)), env, set);
  }

  /** The problems of a load that must fail. */
  static List<ConfigProblem> problems(Path dir, String yaml, Map<String, String> env, Map<String, String> set) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> loadWith(dir, yaml, env, set))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0].problems();
  }

  static List<ConfigProblem> problems(Path dir, String yaml) {
    return problems(dir, yaml, Map.of(), Map.of());
  }

}
