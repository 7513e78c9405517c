package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.secret} and {@code cluster.secret-file}: required with several nodes, validated, never quoted. */
class ClusterSecretConfigTest {

  @TempDir Path dir;

  private static final String WITHOUT_SECRET =
      ConfigFixtures.THREE_NODES.replace("  secret: \"" + ConfigFixtures.SECRET + "\"\n", "");

  @Test
  void aClusterOfSeveralNodesWithoutASecretDoesNotStartAndIsToldHowToMakeOne() {
    List<ConfigProblem> p = ConfigFixtures.problems(dir, WITHOUT_SECRET);
    assertThat(p).anySatisfy(problem -> {
      assertThat(problem.key()).isEqualTo("cluster.secret");
      assertThat(problem.message()).contains("required for a cluster of 3 nodes", "openssl rand -base64 32",
          "CAIRN_CLUSTER_SECRET", "same secret");
    });
  }

  @Test
  void aSingleNodeMayGoWithoutOne() {
    NodeConfig c = ConfigFixtures.load(dir, "node:\n  id: n1\ndefaults:\n  n: 1\n  r: 1\n  w: 1\n");
    assertThat(c.cluster().secret()).isEmpty();
  }

  @Test
  void base64HexTheEnvironmentAndAFileAllGiveTheSameSecret() throws IOException {
    byte[] raw = new byte[32];
    new Random(7).nextBytes(raw);
    String base64 = Base64.getEncoder().encodeToString(raw);
    ClusterSecret expected = ClusterSecret.parse(base64);
    assertThat(ConfigFixtures.loadWith(dir, WITHOUT_SECRET, Map.of(), Map.of("cluster.secret", base64))
        .cluster().secret()).contains(expected);
    assertThat(ConfigFixtures.loadWith(dir, WITHOUT_SECRET, Map.of(),
        Map.of("cluster.secret", HexFormat.of().formatHex(raw))).cluster().secret()).contains(expected);
    assertThat(ConfigFixtures.loadWith(dir, WITHOUT_SECRET, Map.of("CAIRN_CLUSTER_SECRET", base64), Map.of())
        .cluster().secret()).contains(expected);
    Path file = Files.writeString(dir.resolve("secret"), base64 + "\n");
    assertThat(ConfigFixtures.loadWith(dir, WITHOUT_SECRET, Map.of(), Map.of("cluster.secret-file", file.toString()))
        .cluster().secret()).contains(expected);
  }

  @Test
  void aShortOrUnreadableSecretIsRefusedWithoutQuotingIt() {
    String shortSecret = Base64.getEncoder().encodeToString(new byte[16]);
    List<ConfigProblem> p =
        ConfigFixtures.problems(dir, WITHOUT_SECRET, Map.of(), Map.of("cluster.secret", shortSecret));
    assertThat(p).anySatisfy(problem -> {
      assertThat(problem.key()).isEqualTo("cluster.secret");
      assertThat(problem.message()).contains("is 16 bytes; at least 32").doesNotContain(shortSecret);
    });
    p = ConfigFixtures.problems(dir, WITHOUT_SECRET, Map.of(), Map.of("cluster.secret", "not*a*secret"));
    assertThat(p).anySatisfy(problem -> assertThat(problem.message()).contains("neither hex nor base64")
        .doesNotContain("not*a*secret"));
    p = ConfigFixtures.problems(dir, WITHOUT_SECRET, Map.of(),
        Map.of("cluster.secret-file", dir.resolve("missing").toString()));
    assertThat(p).anySatisfy(problem -> {
      assertThat(problem.key()).isEqualTo("cluster.secret-file");
      assertThat(problem.message()).contains("cannot read");
    });
  }

  @Test
  void aSecretAndASecretFileTogetherAreRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("secret"), ConfigFixtures.SECRET);
    List<ConfigProblem> p = ConfigFixtures.problems(dir, ConfigFixtures.THREE_NODES, Map.of(),
        Map.of("cluster.secret-file", file.toString()));
    assertThat(p).anySatisfy(problem -> assertThat(problem.message()).contains("set one of the two"));
  }

  @Test
  void aSingleNodeGeneratesItsSecretOnceOwnerOnlyAndKeepsIt() throws IOException {
    ClusterSecret.Generated first = ClusterSecret.loadOrCreate(dir, new Random(1));
    assertThat(first.created()).isTrue();
    assertThat(first.secret().bytes()).hasSize(32);
    if (Files.getFileAttributeView(first.file(), PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
    }
    ClusterSecret.Generated again = ClusterSecret.loadOrCreate(dir, new Random(2));
    assertThat(again.created()).isFalse();
    assertThat(again.secret()).isEqualTo(first.secret());
    assertThat(first.secret().toString()).doesNotContain(Base64.getEncoder().encodeToString(first.secret().bytes()));
  }
}
