package io.cairn.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Identifies the running kernel boot. After an unclean stop, the same boot id means only the process
 * died (the page cache, and with it every mmap'd write, survived); a different one means the machine
 * went down, and writes that were only in the page cache may be gone.
 */
@FunctionalInterface
public interface BootId extends Supplier<Optional<String>> {

  /** Linux's per-boot random id; empty where it cannot be read (then a crash counts as a reboot). */
  BootId LINUX = () -> {
    try {
      return Optional.of(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  };
}
