package io.cairn.node.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.ring.PreferenceList;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import io.cairn.storage.InsufficientStorageException;
import io.cairn.storage.space.SpaceGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a primary's disk is full, the write goes to the primaries that have room, and their success
 * counts; only when none has room does the put fail, with the typed refusal (HTTP 507).
 */
class FullDiskCoordinationTest {

  private static final BucketKey KEY = BucketKey.of("b", "k");
  private final Random random = new Random(7);
  private LocalCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPrimaryWithAFullDiskHandsThePutToTheOtherPrimaries() throws Exception {
    cluster = new LocalCluster(3, 8, Duration.ofSeconds(5));
    PreferenceList pl = preferenceList();
    NodeId full = pl.primaries().get(0);
    fill(full);

    PutResult r = put(full, "v", 2);

    assertThat(r.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(cluster.node(pl.primaries().get(1).value()).store().get(partition(), KEY).liveSiblings()).hasSize(1);
    assertThat(cluster.node(pl.primaries().get(2).value()).store().get(partition(), KEY).liveSiblings()).hasSize(1);
    assertThat(cluster.node(full.value()).store().get(partition(), KEY).isEmpty()).isTrue();
  }

  @Test
  void aPutForwardedToAFullPrimaryIsTakenByTheNextOne() throws Exception {
    cluster = new LocalCluster(4, 8, Duration.ofSeconds(5));
    PreferenceList pl = preferenceList();
    NodeId outsider = pl.fallbacks().get(0);
    fill(pl.primaries().get(0));

    PutResult r = put(outsider, "v", 2);

    assertThat(r.outcome()).isEqualTo(QuorumOutcome.OK);
    assertThat(cluster.node(pl.primaries().get(1).value()).store().get(partition(), KEY).liveSiblings()).hasSize(1);
  }

  @Test
  void whenNoPrimaryHasRoomThePutFailsWithTheRefusalAndNothingIsWritten() throws Exception {
    cluster = new LocalCluster(3, 8, Duration.ofSeconds(5));
    PreferenceList pl = preferenceList();
    pl.primaries().forEach(this::fill);

    assertThatThrownBy(() -> put(pl.primaries().get(0), "v", 2))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(InsufficientStorageException.class, e -> {
          assertThat(e.freeBytes()).isEqualTo(10);
          assertThat(e.getMessage()).contains("insufficient storage", "storage.min-free-bytes");
        });
    for (NodeId n : pl.primaries()) {
      assertThat(cluster.node(n.value()).store().get(partition(), KEY).isEmpty()).as("copy on %s", n).isTrue();
    }
  }

  private void fill(NodeId node) {
    cluster.node(node.value()).engine().guardWith(new SpaceGuard(Path.of("/data", node.value()), () -> 10, 1024));
  }

  private PutResult put(NodeId via, String v, int w) throws Exception {
    Sibling value = Sibling.of(v.getBytes(StandardCharsets.UTF_8), "text/plain", 1);
    return cluster.node(via.value()).coordinator()
        .put(new CoordinatePut(RequestId.random(random), KEY, VersionVector.empty(), value, w, 0, 0))
        .get(10, TimeUnit.SECONDS);
  }

  private int partition() {
    return new Partitioner(cluster.ring.partitionCount()).partitionOf(KEY.bucket(), KEY.key());
  }

  private PreferenceList preferenceList() {
    return cluster.ring.preferenceList(partition(), 3);
  }
}
