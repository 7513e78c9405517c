package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.memory.InMemoryEngine;
import org.junit.jupiter.api.Test;

class InMemoryEngineTest extends StorageEngineContract {

  @Override
  protected StorageEngine newEngine(int maxValueBytes) {
    return new InMemoryEngine(maxValueBytes, Durability.MMAP);
  }

  @Test
  void aProcessCrashKeepsEverythingWritten() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.MMAP);
    e.put(1, BucketKey.of("b", "k"), new byte[] {1});
    e.delete(1, BucketKey.of("b", "k"));
    e.put(2, BucketKey.of("b", "k"), new byte[] {2});
    InMemoryEngine after = e.afterProcessCrash();
    assertThat(after.get(1, BucketKey.of("b", "k"))).isEmpty();
    assertThat(after.get(2, BucketKey.of("b", "k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
  }

  @Test
  void aPowerLossInMmapModeKeepsOnlyWhatWasWrittenBack() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.MMAP);
    e.put(1, BucketKey.of("b", "old"), new byte[] {1});
    e.writeBack();
    e.put(1, BucketKey.of("b", "new"), new byte[] {2});
    e.delete(1, BucketKey.of("b", "old"));
    InMemoryEngine after = e.afterPowerLoss();
    assertThat(after.get(1, BucketKey.of("b", "old"))).isPresent();
    assertThat(after.get(1, BucketKey.of("b", "new"))).isEmpty();
  }

  @Test
  void aForcedPartitionSurvivesAPowerLossAndOthersDoNot() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.MMAP);
    e.put(1, BucketKey.of("b", "k"), new byte[] {1});
    e.put(2, BucketKey.of("b", "k"), new byte[] {2});
    e.force(1);
    InMemoryEngine after = e.afterPowerLoss();
    assertThat(after.get(1, BucketKey.of("b", "k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    assertThat(after.get(2, BucketKey.of("b", "k"))).isEmpty();
  }

  @Test
  void aPowerLossInFsyncModeKeepsEverythingAcknowledged() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.FSYNC);
    e.put(1, BucketKey.of("b", "k"), new byte[] {1});
    e.update(1, BucketKey.of("b", "k"), cur -> new byte[] {2});
    e.dropPartition(3);
    InMemoryEngine after = e.afterPowerLoss();
    assertThat(after.get(1, BucketKey.of("b", "k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
  }

  @Test
  void damagedStoredBytesAreDetectedCountedAndTreatedAsMissing() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.MMAP);
    BucketKey k = BucketKey.of("b", "k");
    e.put(1, k, new byte[] {1, 2, 3});
    e.put(1, BucketKey.of("b", "other"), new byte[] {4});
    assertThat(e.damage(1, k, stored -> {
      stored[stored.length - 1] ^= 1;
      return stored;
    })).isTrue();
    InMemoryEngine restarted = e.afterProcessCrash(); // the rot is on the medium
    assertThat(restarted.get(1, k)).isEmpty();
    assertThat(restarted.checksumFailures()).isEqualTo(1);
    try (PartitionScan scan = restarted.scan(1)) {
      assertThat(scan.next().key()).isEqualTo(BucketKey.of("b", "other"));
      assertThat(scan.hasNext()).isFalse();
    }
    assertThat(restarted.update(1, k, current -> current == null ? new byte[] {9} : current)).containsExactly(9);
    assertThat(restarted.checksumFailures()).isEqualTo(1);
  }

  @Test
  void theUnverifiedControlEngineServesDamagedBytes() {
    InMemoryEngine e = InMemoryEngine.withoutVerification(1024, Durability.MMAP);
    BucketKey k = BucketKey.of("b", "k");
    e.put(1, k, new byte[] {1, 2, 3});
    e.damage(1, k, stored -> {
      stored[stored.length - 1] ^= 1;
      return stored;
    });
    assertThat(e.get(1, k)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 2));
    assertThat(e.checksumFailures()).isZero();
  }

  @Test
  void aLostDiskKeepsNothing() {
    assertThat(InMemoryEngine.afterDiskLoss(1024, Durability.MMAP).partitions()).isEmpty();
  }
}
