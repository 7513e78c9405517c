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
  void aPowerLossInFsyncModeKeepsEverythingAcknowledged() {
    InMemoryEngine e = new InMemoryEngine(1024, Durability.FSYNC);
    e.put(1, BucketKey.of("b", "k"), new byte[] {1});
    e.update(1, BucketKey.of("b", "k"), cur -> new byte[] {2});
    e.dropPartition(3);
    InMemoryEngine after = e.afterPowerLoss();
    assertThat(after.get(1, BucketKey.of("b", "k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
  }

  @Test
  void aLostDiskKeepsNothing() {
    assertThat(InMemoryEngine.afterDiskLoss(1024, Durability.MMAP).partitions()).isEmpty();
  }
}
