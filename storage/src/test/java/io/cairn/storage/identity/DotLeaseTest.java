package io.cairn.storage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotLeaseTest {

  @TempDir
  Path dir;

  @Test
  void valuesIncreaseAndCrossBlockBoundaries() {
    DotLease lease = DotLease.open(dir);
    long previous = 0;
    for (long i = 0; i < DotLease.BLOCK + 10; i++) {
      long v = lease.getAsLong();
      assertThat(v).isGreaterThan(previous);
      previous = v;
    }
  }

  @Test
  void aNewLifetimeStartsAboveEverythingHandedOutBefore() {
    DotLease first = DotLease.open(dir);
    long last = 0;
    for (int i = 0; i < 1000; i++) {
      last = first.getAsLong();
    }
    // no close: a crash; the next lifetime reads the persisted bound
    DotLease second = DotLease.open(dir);
    assertThat(second.getAsLong()).isGreaterThan(last);
  }

  @Test
  void aDamagedLeaseIsReportedNotReset() throws Exception {
    Files.writeString(dir.resolve(DotLease.FILE_NAME), "garbage");
    assertThatThrownBy(() -> DotLease.open(dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("damaged");
  }
}
