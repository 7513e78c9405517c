package io.cairn.node.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.node.cluster.InboundChecks;
import io.cairn.node.cluster.RingHolder;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.ReplicaGet;
import io.cairn.protocol.wire.ReplicaGetReply;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.ReplicaPutReply;
import io.cairn.protocol.wire.ReplicaStatus;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.memory.InMemoryEngine;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplicaServiceTest {

  private static final BucketKey KEY = BucketKey.of("b", "k");
  private final WireCodec codec = new WireCodec();
  private final InMemoryEngine engine = new InMemoryEngine(1 << 20, Durability.MMAP);
  private final ReplicaStore store = new ReplicaStore(engine, codec);
  private final InMemoryHintStore hints =
      new InMemoryHintStore(new HintStoreConfig(1 << 20, 1 << 20, 100, 1024), (a, b) -> a, Clock.systemUTC());
  private final ReplicaService service = service(store);

  /** A 5-node ring of 64 partitions (n1..n5). */
  private static final RingHolder RING = new RingHolder(new Claim().claim(
      List.of(Member.of("n1"), Member.of("n2"), Member.of("n3"), Member.of("n4"), Member.of("n5")), 64));

  private ReplicaService service(ReplicaStore on) {
    return new ReplicaService(on, hints, codec, new LocalReads(on, hints, codec, bucket -> ConflictMode.SIBLINGS),
        new InboundChecks(RING));
  }

  private static Sibling value(String s) {
    return Sibling.of(s.getBytes(), "text/plain", 1);
  }

  @Test
  void anIncomingCopyIsMergedNotOverwritten() {
    StoredObject local = store.write(3, KEY, Actor.of("n1", 1), VersionVector.empty(), value("mine"), ConflictMode.SIBLINGS);
    StoredObject remote = StoredObject.empty().write(Actor.of("n2", 1), VersionVector.empty(), value("theirs"), ConflictMode.SIBLINGS);
    ReplicaPutReply reply = service.put(new ReplicaPut(3, KEY, remote, ConflictMode.SIBLINGS, Optional.empty()));
    assertThat(reply.status()).isEqualTo(ReplicaStatus.OK);
    ReplicaGetReply read = service.get(new ReplicaGet(3, KEY));
    assertThat(read.object()).isEqualTo(local.merge(remote, ConflictMode.SIBLINGS));
    assertThat(read.object().siblingCount()).isEqualTo(2);
  }

  @Test
  void aHintedCopyGoesToTheHintStoreNotTheReplica() {
    StoredObject remote = StoredObject.empty().write(Actor.of("n2", 1), VersionVector.empty(), value("x"), ConflictMode.SIBLINGS);
    service.put(new ReplicaPut(3, KEY, remote, ConflictMode.SIBLINGS, Optional.of(NodeId.of("n4"))));
    assertThat(store.get(3, KEY).isEmpty()).isTrue();
    assertThat(hints.forTarget(NodeId.of("n4"), 10)).hasSize(1);
    assertThat(codec.decode(hints.forTarget(NodeId.of("n4"), 10).get(0).object(), StoredObject.class)).isEqualTo(remote);
  }

  @Test
  void aFallbackAnswersAReadFromTheHintsItKeepsForTheKey() {
    StoredObject forN4 = StoredObject.empty().write(Actor.of("n2", 1), VersionVector.empty(), value("x"), ConflictMode.SIBLINGS);
    StoredObject forN5 = StoredObject.empty().write(Actor.of("n3", 1), VersionVector.empty(), value("y"), ConflictMode.SIBLINGS);
    service.put(new ReplicaPut(3, KEY, forN4, ConflictMode.SIBLINGS, Optional.of(NodeId.of("n4"))));
    service.put(new ReplicaPut(3, KEY, forN5, ConflictMode.SIBLINGS, Optional.of(NodeId.of("n5"))));
    ReplicaGetReply read = service.get(new ReplicaGet(3, KEY));
    assertThat(read.status()).isEqualTo(ReplicaStatus.OK);
    assertThat(read.object()).isEqualTo(forN4.merge(forN5, ConflictMode.SIBLINGS));
    // a hint for another key or partition is not part of the answer
    assertThat(service.get(new ReplicaGet(4, KEY)).object().isEmpty()).isTrue();
  }

  /** A peer's ReplicaPut for partition 60000 of a 64-partition ring created a map file that outlived restarts. */
  @Test
  void aPartitionOutsideTheRingIsRejectedAndStoresNothing() {
    StoredObject o = StoredObject.empty().write(Actor.of("n2", 1), VersionVector.empty(), value("x"), ConflictMode.SIBLINGS);
    ReplicaPutReply put = service.put(new ReplicaPut(60_000, KEY, o, ConflictMode.SIBLINGS, Optional.empty()));
    assertThat(put.status()).isEqualTo(ReplicaStatus.REJECTED);
    assertThat(put.detail()).contains("partition 60000 is not in this cluster's ring of 64 partitions");
    assertThat(engine.partitions()).isEmpty();
    assertThat(service.get(new ReplicaGet(64, KEY)).status()).isEqualTo(ReplicaStatus.REJECTED);
    ReplicaPutReply foreignHint = service.put(new ReplicaPut(3, KEY, o, ConflictMode.SIBLINGS, Optional.of(NodeId.of("n9"))));
    assertThat(foreignHint.status()).isEqualTo(ReplicaStatus.REJECTED);
    assertThat(foreignHint.detail()).contains("n9");
    assertThat(hints.pendingCount()).isZero();
  }

  @Test
  void concurrentCoordinatedWritesAtOneReplicaAllSurviveAsSiblings() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 200; i++) {
        int n = i;
        pool.submit(() -> store.write(0, KEY, Actor.of("n1", 1), VersionVector.empty(), value("v" + n), ConflictMode.SIBLINGS));
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    // 200 blind writes, each minted a distinct dot: none lost
    assertThat(store.get(0, KEY).siblingCount()).isEqualTo(200);
  }

  @Test
  void aTooLargeObjectIsRejectedWithAReason() {
    ReplicaStore tiny = new ReplicaStore(new InMemoryEngine(64, Durability.MMAP), codec);
    ReplicaService s = service(tiny);
    StoredObject big = StoredObject.empty().write(Actor.of("n2", 1), VersionVector.empty(), value("x".repeat(500)), ConflictMode.SIBLINGS);
    ReplicaPutReply reply = s.put(new ReplicaPut(0, KEY, big, ConflictMode.SIBLINGS, Optional.empty()));
    assertThat(reply.status()).isEqualTo(ReplicaStatus.REJECTED);
    assertThat(reply.detail()).contains("exceeds the storage limit");
  }
}
