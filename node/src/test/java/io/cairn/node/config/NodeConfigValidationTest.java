package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigValidationTest {

  @TempDir Path dir;

  private List<ConfigProblem> problemsWith(Map<String, String> set) {
    return ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES, Map.of(), set);
  }

  private static void assertHas(List<ConfigProblem> problems, String key, String... fragments) {
    assertThat(problems)
        .as("problems %s", problems)
        .anySatisfy(p -> {
          assertThat(p.key()).isEqualTo(key);
          assertThat(p.message()).contains(fragments);
        });
  }

  @Test
  void unknownKeysInTheFileAreRejectedWithASuggestion() {
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES
            + """
            http:
              prot: 8100
            storage:
              max_object_bytes: 10
            gossip:
              interval-ms: 5
            """);
    assertHas(p, "http.prot", "unknown key", "did you mean http.port?", "cairn.yaml");
    assertHas(p, "storage.max_object_bytes", "did you mean storage.max-object-bytes?");
    assertHas(p, "gossip", "unknown key");
  }

  @Test
  void unknownKeysInMembersAreRejected() {
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES.replace("weight: 2", "wieght: 2"));
    assertHas(p, "cluster.members[2].wieght", "unknown key", "did you mean weight?");
  }

  @Test
  void unknownOverridesAndEnvironmentVariablesAreRejected() {
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES,
            Map.of("CAIRN_HTTP_PROT", "1"), Map.of("http.prot", "1"));
    assertHas(p, "CAIRN_HTTP_PROT", "does not name a setting", "did you mean CAIRN_HTTP_PORT?");
    assertHas(p, "http.prot", "unknown key", "--set http.prot");
  }

  @Test
  void membersCannotComeFromTheEnvironmentOrOverrides() {
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES,
            Map.of("CAIRN_CLUSTER_MEMBERS", "n1,n2"), Map.of("cluster.members", "n1"));
    assertHas(p, "cluster.members", "only be set in the YAML file", "CAIRN_CLUSTER_MEMBERS");
    assertHas(p, "cluster.members", "only be set in the YAML file", "--set cluster.members");
  }

  @Test
  void wrongTypesAreReported() {
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES
            + """
            http:
              port: eighty
            timeouts:
              request-ms: [1, 2]
            failure-detector:
              phi-threshold: high
            defaults:
              conflict-mode: newest
            storage:
              durability: true
            internode: 8099
            """);
    assertHas(p, "http.port", "expected a whole number", "'eighty'");
    assertHas(p, "timeouts.request-ms", "expected a whole number", "a list");
    assertHas(p, "failure-detector.phi-threshold", "expected a number");
    assertHas(p, "defaults.conflict-mode", "'newest' is not one of siblings, lww");
    assertHas(p, "storage.durability", "not one of mmap, fsync");
    assertHas(p, "internode", "must be a mapping");
  }

  @Test
  void wrongTypesFromTheEnvironmentNameTheVariable() {
    assertHas(
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES,
            Map.of("CAIRN_HTTP_PORT", "80a"), Map.of()),
        "http.port", "expected a whole number", "from CAIRN_HTTP_PORT");
  }

  @Test
  void portsOutOfRange() {
    List<ConfigProblem> p = problemsWith(Map.of("http.port", "70000", "internode.port", "0"));
    assertHas(p, "http.port", "70000 is not a valid port");
    assertHas(p, "internode.port", "0 is not a valid port");
    assertHas(
        ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES.replace("http-port: 8198", "http-port: 65536")),
        "cluster.members[1].http-port", "65536 is not a valid port");
  }

  @Test
  void connectionAndBufferBoundsMustLetTheLargestInputThrough() {
    List<ConfigProblem> p = problemsWith(Map.of("http.max-connections", "0", "http.request-read-timeout-ms", "0",
        "binary.frame-timeout-ms", "0", "internode.max-connections", "0"));
    assertHas(p, "http.max-connections", "");
    assertHas(p, "http.request-read-timeout-ms", "");
    assertHas(p, "binary.frame-timeout-ms", "");
    assertHas(p, "internode.max-connections", "");
    assertHas(problemsWith(Map.of("http.max-buffered-bytes", "1000")), "http.max-buffered-bytes",
        "less than limits.max-value-bytes");
    assertHas(problemsWith(Map.of("binary.max-buffered-bytes", "1048576")), "binary.max-buffered-bytes",
        "less than the largest client frame");
    assertHas(problemsWith(Map.of("internode.max-buffered-bytes", "1048576")), "internode.max-buffered-bytes",
        "less than one largest internode frame");
    assertHas(problemsWith(Map.of("internode.idle-timeout-ms", "2000")), "internode.idle-timeout-ms",
        "three heartbeat intervals");
    // 0 turns the idle timeout off
    assertThat(ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("internode.idle-timeout-ms", "0")).internode().idleTimeoutMs()).isZero();
  }

  @Test
  void httpAndInternodeNeedDifferentPorts() {
    assertHas(problemsWith(Map.of("internode.port", "8098")), "internode.port", "same as http.port");
  }

  @Test
  void theBinaryPortIsCheckedLikeTheOthers() {
    List<ConfigProblem> p = problemsWith(Map.of("binary.port", "0", "binary.max-pending-requests", "0"));
    assertHas(p, "binary.port", "0 is not a valid port");
    assertHas(p, "binary.max-pending-requests", "");
    assertHas(problemsWith(Map.of("binary.port", "8098")), "binary.port", "same as http.port");
    assertHas(problemsWith(Map.of("binary.port", "8099")), "binary.port", "same as internode.port");
    // another host: no clash
    assertThat(ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("binary.port", "8098", "binary.host", "10.0.0.1")).binary().port()).isEqualTo(8098);
  }

  @Test
  void partitionsMustBeAPowerOfTwo() {
    assertHas(problemsWith(Map.of("cluster.partitions", "100")),
        "cluster.partitions", "100 is not a power of two");
    assertHas(problemsWith(Map.of("cluster.partitions", "131072")),
        "cluster.partitions", "between 1 and 65536");
  }

  @Test
  void quorumsMayNotExceedN() {
    List<ConfigProblem> p = problemsWith(Map.of("defaults.n", "2", "defaults.r", "3", "defaults.w", "3"));
    assertHas(p, "defaults.r", "3 is more than defaults.n (2)");
    assertHas(p, "defaults.w", "3 is more than defaults.n (2)");
  }

  @Test
  void nMayNotExceedTheMembers() {
    assertHas(problemsWith(Map.of("defaults.n", "4")),
        "defaults.n", "4 is more than the 3 node(s) in cluster.members");
  }

  @Test
  void thisNodeMustBeAMember() {
    assertHas(problemsWith(Map.of("node.id", "n4")),
        "cluster.members", "does not list this node (node.id = n4)");
  }

  @Test
  void memberIdsAndAddressesMustBeUnique() {
    String yaml =
        """
        node:
          id: n1
        cluster:
          members:
            - {id: n1, host: 127.0.0.1, internode-port: 8099, http-port: 8098}
            - {id: n1, host: 127.0.0.1, internode-port: 8199, http-port: 8198}
            - {id: n3, host: 127.0.0.1, internode-port: 8199, http-port: 8298}
        """;
    List<ConfigProblem> p = ConfigFixtures.problems(dir, yaml);
    assertHas(p, "cluster.members[1].id", "'n1' is also the id of cluster.members[0]");
    assertHas(p, "cluster.members[2].internode-port",
        "address 127.0.0.1:8199 is already used by cluster.members[1].internode-port");
  }

  @Test
  void membersNeedTheirRequiredFieldsAndValidIds() {
    String yaml =
        """
        node:
          id: n1
        cluster:
          members:
            - {id: n1, host: 127.0.0.1, internode-port: 8099, http-port: 8098}
            - {id: "bad id", host: 127.0.0.1, internode-port: 8199, http-port: 8198}
            - {id: n3, internode-port: 8299, http-port: 8298, weight: 0}
            - just-a-name
        """;
    List<ConfigProblem> p = ConfigFixtures.problems(dir, yaml);
    assertHas(p, "cluster.members[1].id", "may contain only letters");
    assertHas(p, "cluster.members[2].host", "is required");
    assertHas(p, "cluster.members[3]", "expected a mapping");
  }

  @Test
  void invalidNodeIdIsReported() {
    assertHas(problemsWith(Map.of("node.id", "-n1")), "node.id", "must start with a letter or digit");
  }

  @Test
  void storedObjectsMustHoldAClientValue() {
    assertHas(problemsWith(Map.of("storage.max-object-bytes", "1000", "limits.max-value-bytes", "2000")),
        "storage.max-object-bytes", "1000 is less than limits.max-value-bytes (2000)");
  }

  @Test
  void theFailureDetectorBoundMustExceedTheHeartbeatInterval() {
    assertHas(problemsWith(Map.of(
            "failure-detector.heartbeat-interval-ms", "3000", "failure-detector.max-interval-ms", "3000")),
        "failure-detector.max-interval-ms", "3000 is not more than failure-detector.heartbeat-interval-ms (3000)");
    // derived from an invalid interval: one clear message, not a second range error
    assertHas(problemsWith(Map.of("failure-detector.heartbeat-interval-ms", "0")),
        "failure-detector.max-interval-ms", "cannot be derived");
  }

  @Test
  void negativeSizesAreRejected() {
    List<ConfigProblem> p =
        problemsWith(Map.of(
            "hints.max-bytes", "-1",
            "limits.max-value-bytes", "-5",
            "storage.average-key-bytes", "-48",
            "hints.expected-hints", "0"));
    assertHas(p, "hints.max-bytes", "must not be negative, got -1");
    assertHas(p, "limits.max-value-bytes", "must not be negative");
    assertHas(p, "storage.average-key-bytes", "must not be negative");
    assertHas(p, "hints.expected-hints", "must be at least 1, got 0");
    // The derived max-object-bytes is not a second, confusing error about a negative number.
    assertHas(p, "storage.max-object-bytes", "cannot be derived");
  }

  @Test
  void sizingMustFitTheObjectBound() {
    List<ConfigProblem> p =
        problemsWith(Map.of(
            "storage.max-object-bytes", "2000000",
            "storage.average-value-bytes", "3000000",
            "hints.average-object-bytes", "3000000",
            "hints.max-bytes", "1000",
            "storage.initial-entries-per-partition", "8"));
    assertHas(p, "storage.average-value-bytes", "more than storage.max-object-bytes");
    assertHas(p, "hints.average-object-bytes", "more than storage.max-object-bytes");
    assertHas(p, "hints.max-bytes", "could never be hinted");
    assertHas(p, "storage.initial-entries-per-partition", "at least 16");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
            () -> ConfigFixtures.loadWith(dir, ConfigFixtures.THREE_NODES + "http:\n  prot: 1\n",
                Map.of("CAIRN_HTTP_PORT", "0"),
                Map.of("cluster.partitions", "3", "defaults.r", "9")));
    assertThat(e.problems()).extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder("http.prot", "http.port", "cluster.partitions", "defaults.r");
    assertThat(e.getMessage()).startsWith("invalid configuration (4 problems)");
  }

  @Test
  void malformedYamlAndDuplicateKeysAreReported() {
    assertHas(ConfigFixtures.problems(dir, "http:\n  port: 1\n  port: 2\n"),
        dir.resolve("cairn.yaml").toString(), "not valid YAML", "port");
    assertHas(ConfigFixtures.problems(dir, "- a\n- b\n"),
        dir.resolve("cairn.yaml").toString(), "must be a mapping");
  }

  @Test
  void aMissingFileIsAProblemNotACrash() {
    assertThatThrownBy(() -> new NodeConfigLoader()
            .load(Optional.of(dir.resolve("nope.yaml")), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("cannot be read");
  }

  @Test
  void setFlagsWithoutAnEqualsSignAreRejected() {
    assertThatThrownBy(() -> NodeConfigLoader.parseOverrides(List.of("http.port", "=1")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).hasSize(2).allSatisfy(
                pr -> assertThat(pr.message()).contains("expected key=value")));
  }
}
