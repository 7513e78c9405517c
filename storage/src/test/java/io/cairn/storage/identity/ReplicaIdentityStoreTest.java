package io.cairn.storage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.ring.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicaIdentityStoreTest {

  static final NodeId N1 = NodeId.of("n1");
  static final long T0 = 1_700_000_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);

  @TempDir Path dataDir;

  private Path identityFile() {
    return dataDir.resolve(ReplicaIdentityStore.FILE_NAME);
  }

  private static Clock at(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Test
  void newDataDirectoryGetsAnEpochFromTheClockAndPersistsIt() throws IOException {
    ReplicaIdentity identity = ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);

    assertThat(identity).isEqualTo(new ReplicaIdentity(N1, T0));
    assertThat(identity.actor()).isEqualTo(new Actor(N1, T0));
    assertThat(ReplicaIdentityStore.read(dataDir)).contains(identity);
    assertThat(Files.readString(identityFile()))
        .contains("node=n1", "epoch=" + T0, "written-at=" + Instant.ofEpochMilli(T0));
  }

  @Test
  void missingDataDirectoryIsCreated() {
    Path nested = dataDir.resolve("a/b");
    ReplicaIdentity identity = ReplicaIdentityStore.open(nested, N1, CLOCK, false);
    assertThat(ReplicaIdentityStore.read(nested)).contains(identity);
  }

  @Test
  void epochIsAtLeastOneEvenWithAClockAtTheEpoch() {
    ReplicaIdentity identity = ReplicaIdentityStore.open(dataDir, N1, at(0), false);
    assertThat(identity.epoch()).isEqualTo(1);
  }

  @Test
  void reopeningWithoutDataLossKeepsTheIdentityAndTheFile() throws IOException {
    ReplicaIdentity first = ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);
    byte[] file = Files.readAllBytes(identityFile());

    ReplicaIdentity again = ReplicaIdentityStore.open(dataDir, N1, at(T0 + 60_000), false);

    assertThat(again).isEqualTo(first);
    assertThat(Files.readAllBytes(identityFile())).isEqualTo(file);
  }

  @Test
  void dataLossBumpsTheEpochToTheClockWhenItIsAhead() {
    ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);

    ReplicaIdentity bumped = ReplicaIdentityStore.open(dataDir, N1, at(T0 + 5_000), true);

    assertThat(bumped).isEqualTo(new ReplicaIdentity(N1, T0 + 5_000));
    assertThat(ReplicaIdentityStore.read(dataDir)).contains(bumped);
  }

  @Test
  void dataLossBumpsTheEpochByOneWhenTheClockIsBehind() {
    ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);

    ReplicaIdentity sameInstant = ReplicaIdentityStore.open(dataDir, N1, CLOCK, true);
    ReplicaIdentity clockBack = ReplicaIdentityStore.open(dataDir, N1, at(T0 - 86_400_000), true);

    assertThat(sameInstant.epoch()).isEqualTo(T0 + 1);
    assertThat(clockBack.epoch()).isEqualTo(T0 + 2);
    assertThat(ReplicaIdentityStore.read(dataDir)).contains(clockBack);
  }

  @Test
  void wipedDataDirectoryGetsAnEpochDifferentFromTheOldOne() throws IOException {
    ReplicaIdentity before = ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);
    Files.delete(identityFile());

    ReplicaIdentity after =
        ReplicaIdentityStore.open(dataDir, N1, Clock.offset(CLOCK, Duration.ofMinutes(3)), false);

    assertThat(after.epoch()).isGreaterThan(before.epoch());
    assertThat(after.actor()).isNotEqualTo(before.actor());
  }

  @Test
  void dataDirectoryOfAnotherNodeIsRefused() throws IOException {
    ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);
    byte[] file = Files.readAllBytes(identityFile());

    ForeignDataDirectoryException e = catchThrowableOfType(ForeignDataDirectoryException.class,
        () -> ReplicaIdentityStore.open(dataDir, NodeId.of("n2"), CLOCK, true));

    assertThat(e).isInstanceOf(ReplicaIdentityException.class);
    assertThat(e.owner()).isEqualTo(N1);
    assertThat(e.configured()).isEqualTo(NodeId.of("n2"));
    assertThat(e.getMessage()).contains("'n1'", "'n2'", dataDir.toString(), "refusing to start");
    assertThat(Files.readAllBytes(identityFile())).as("file untouched").isEqualTo(file);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "garbage without structure",
      "format=1\nnode=n1\n",
      "format=1\nepoch=17\n",
      "format=1\nnode=n1\nepoch=seventeen\n",
      "format=1\nnode=n1\nepoch=0\n",
      "format=1\nnode=n1\nepoch=-5\n",
      "format=1\nnode=not a node id!\nepoch=5\n",
      "format=2\nnode=n1\nepoch=5\n",
      "node=n1\nepoch=5\n",
      "format=1\nnode=n1\nepoch=\\u00zz\n"})
  void corruptIdentityFileIsRefusedAndLeftAlone(String content) throws IOException {
    Files.writeString(identityFile(), content, StandardCharsets.UTF_8);

    for (boolean dataLost : new boolean[] {false, true}) {
      CorruptIdentityFileException e = catchThrowableOfType(CorruptIdentityFileException.class,
          () -> ReplicaIdentityStore.open(dataDir, N1, CLOCK, dataLost));
      assertThat(e).as("content %s", content).isNotNull();
      assertThat(e.file()).isEqualTo(identityFile().toString());
      assertThat(e.getMessage()).contains(identityFile().toString(), "refusing to start");
    }
    assertThatThrownBy(() -> ReplicaIdentityStore.bump(dataDir, CLOCK))
        .isInstanceOf(CorruptIdentityFileException.class);
    assertThat(Files.readString(identityFile())).isEqualTo(content);
  }

  @Test
  void unreadableIdentityFileIsRefused() throws IOException {
    Files.createDirectory(identityFile());
    assertThatThrownBy(() -> ReplicaIdentityStore.open(dataDir, N1, CLOCK, false))
        .isInstanceOf(CorruptIdentityFileException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void bumpMovesToANewEpochAndKeepsTheNode() {
    ReplicaIdentity first = ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);

    ReplicaIdentity bumped = ReplicaIdentityStore.bump(dataDir, CLOCK);

    assertThat(bumped).isEqualTo(new ReplicaIdentity(N1, first.epoch() + 1));
    assertThat(ReplicaIdentityStore.open(dataDir, N1, CLOCK, false)).isEqualTo(bumped);
  }

  @Test
  void bumpWithoutAnIdentityIsRefused() {
    assertThatThrownBy(() -> ReplicaIdentityStore.bump(dataDir, CLOCK))
        .isInstanceOf(ReplicaIdentityException.class)
        .hasMessageContaining("no replica identity");
    assertThat(identityFile()).doesNotExist();
  }

  @Test
  void writingLeavesNoTemporaryFileBehind() throws IOException {
    ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);
    ReplicaIdentityStore.open(dataDir, N1, CLOCK, true);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files).containsExactly(identityFile());
    }
  }

  @Test
  void identityRejectsEpochsBelowOne() {
    assertThatThrownBy(() -> new ReplicaIdentity(N1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 1");
  }
}
