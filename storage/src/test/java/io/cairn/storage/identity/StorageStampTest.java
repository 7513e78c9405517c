package io.cairn.storage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageStampTest {

  private final Random random = new Random(42);
  private final DurableCell inStorage = DurableCell.memory("storage/storage-stamp");
  private final DurableCell record = DurableCell.memory("data/storage-stamp");

  @Test
  void theStorageLastRunWithMatches() {
    StorageStamp stamp = new StorageStamp(inStorage, record);
    stamp.renew(random);
    assertThat(stamp.mismatch()).isEmpty();
    // every start and clean stop renews it; it keeps matching the storage it is written into
    stamp.renew(random);
    assertThat(new StorageStamp(inStorage, record).mismatch()).isEmpty();
  }

  @Test
  void everyRenewalDrawsANewToken() {
    StorageStamp stamp = new StorageStamp(inStorage, record);
    String first = stamp.renew(random);
    String second = stamp.renew(random);
    assertThat(second).isNotEqualTo(first).hasSize(32);
    assertThat(inStorage.readOrThrow()).contains(second + "\n");
    assertThat(record.readOrThrow()).contains(second + "\n");
  }

  @Test
  void anOldCopyOfTheStorageCarriesAnOldStampAndIsCaught() throws IOException {
    StorageStamp stamp = new StorageStamp(inStorage, record);
    String old = stamp.renew(random);
    stamp.renew(random);
    inStorage.write(old + "\n"); // the storage swapped for a copy taken earlier

    assertThat(stamp.mismatch()).hasValueSatisfying(why -> assertThat(why).contains("differs", old));
  }

  @Test
  void aStorageWithoutAStampIsCaught() {
    StorageStamp stamp = new StorageStamp(inStorage, record);
    stamp.renew(random);
    DurableCell emptyStorage = DurableCell.memory("new-storage/storage-stamp");

    assertThat(new StorageStamp(emptyStorage, record).mismatch())
        .hasValueSatisfying(why -> assertThat(why).contains("no stamp", "recorded one"));
  }

  @Test
  void neitherStampNorRecordIsAMismatchToo() {
    // a data directory that never ran with a stamp cannot vouch for its storage
    assertThat(new StorageStamp(inStorage, record).mismatch()).isPresent();
  }

  @Test
  void aLostRecordIsAMismatch() {
    new StorageStamp(inStorage, record).renew(random);
    assertThat(new StorageStamp(inStorage, DurableCell.memory("other-data/storage-stamp")).mismatch())
        .hasValueSatisfying(why -> assertThat(why).contains("records no storage stamp"));
  }

  @Test
  void aCrashBetweenTheTwoWritesLeavesAMismatchNotAFalseMatch() {
    StorageStamp stamp = new StorageStamp(inStorage, record);
    stamp.renew(random);
    StorageStamp crashing = new StorageStamp(inStorage, failing(record, new ArrayList<>()));

    assertThatThrownBy(() -> crashing.renew(random)).isInstanceOf(StorageException.class)
        .hasMessageContaining("data/storage-stamp");
    // the storage got the new token, the record kept the old one: the next start takes a new epoch
    assertThat(stamp.mismatch()).hasValueSatisfying(why -> assertThat(why).contains("differs"));
  }

  @Test
  void theStorageIsStampedBeforeTheRecordIsWritten() {
    List<String> writes = new ArrayList<>();
    StorageStamp stamp = new StorageStamp(logging(inStorage, writes), logging(record, writes));
    stamp.renew(random);
    assertThat(writes).containsExactly("storage/storage-stamp", "data/storage-stamp");

    // a storage that cannot be stamped leaves the record alone
    List<String> recordWrites = new ArrayList<>();
    StorageStamp unwritable = new StorageStamp(failing(inStorage, new ArrayList<>()), logging(record, recordWrites));
    assertThatThrownBy(() -> unwritable.renew(random)).isInstanceOf(StorageException.class);
    assertThat(recordWrites).isEmpty();
  }

  @Test
  void filesCatchARestoredStorageDirectory(@TempDir Path dir) throws IOException {
    Path dataDir = dir.resolve("data");
    Path storage = dataDir.resolve("storage");
    Files.createDirectories(storage);
    StorageStamp stamp = StorageStamp.files(storage, dataDir);
    stamp.renew(random);
    Path backup = dir.resolve("backup-stamp");
    Files.copy(storage.resolve(StorageStamp.FILE_NAME), backup);
    assertThat(stamp.mismatch()).isEmpty();

    stamp.renew(random);
    stamp.renew(random);
    Files.copy(backup, storage.resolve(StorageStamp.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
    assertThat(StorageStamp.files(storage, dataDir).mismatch()).isPresent();

    Files.delete(storage.resolve(StorageStamp.FILE_NAME));
    Files.delete(storage);
    assertThat(StorageStamp.files(storage, dataDir).mismatch()).hasValueSatisfying(why -> assertThat(why).contains("no stamp"));
  }

  /** A cell whose writes fail, as if the process died right there. */
  private static DurableCell failing(DurableCell cell, List<String> attempts) {
    return new DurableCell() {
      @Override
      public Optional<String> read() throws IOException {
        return cell.read();
      }

      @Override
      public void write(String text) throws IOException {
        attempts.add(text);
        throw new IOException("crashed before writing " + cell.describe());
      }

      @Override
      public String describe() {
        return cell.describe();
      }
    };
  }

  /** A cell that notes, in order, which cell was written. */
  private static DurableCell logging(DurableCell cell, List<String> writes) {
    return new DurableCell() {
      @Override
      public Optional<String> read() throws IOException {
        return cell.read();
      }

      @Override
      public void write(String text) throws IOException {
        writes.add(cell.describe());
        cell.write(text);
      }

      @Override
      public String describe() {
        return cell.describe();
      }
    };
  }
}
