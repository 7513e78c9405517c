package io.cairn.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.identity.ReplicaIdentity;
import io.cairn.storage.identity.ReplicaIdentityStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn-node --new-epoch}: the operator's way to a new epoch after restoring a whole data directory. */
class NewEpochOptionTest {

  private static final NodeId N1 = NodeId.of("n1");
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void aKeptIdentityMovesToANewEpoch() {
    ReplicaIdentity before = ReplicaIdentityStore.open(dataDir, N1, CLOCK, false);

    String said = Main.moveToNewEpoch(dataDir, N1, CLOCK);

    ReplicaIdentity after = ReplicaIdentityStore.read(dataDir).orElseThrow();
    assertThat(after.node()).isEqualTo(N1);
    assertThat(after.epoch()).isGreaterThan(before.epoch());
    assertThat(said).contains("epoch " + after.epoch(), "without --new-epoch");
    // the next start keeps the new epoch
    assertThat(ReplicaIdentityStore.open(dataDir, N1, CLOCK, false)).isEqualTo(after);
  }

  @Test
  void aDataDirectoryWithoutAnIdentityIsLeftForTheStart() {
    assertThat(Main.moveToNewEpoch(dataDir, N1, CLOCK)).contains("no replica identity yet");
    assertThat(ReplicaIdentityStore.read(dataDir)).isEmpty();
  }

  @Test
  void anotherNodesIdentityIsNotTouched() {
    ReplicaIdentity foreign = ReplicaIdentityStore.open(dataDir, NodeId.of("n2"), CLOCK, false);

    assertThat(Main.moveToNewEpoch(dataDir, N1, CLOCK)).contains("belongs to node 'n2'");
    assertThat(ReplicaIdentityStore.read(dataDir)).contains(foreign);
  }
}
