package io.cairn.storage;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Child process of {@link CrashTest}: writes numbered values and prints {@code ok <i>} after each
 * put returns, until it is killed. Not a test itself.
 */
public final class CrashWriter {

  private CrashWriter() {}

  /** The value written for number {@code i}: its size and bytes are derived from {@code i}. */
  public static byte[] valueFor(int i) {
    byte[] v = new byte[100 + (i * 37) % 1900];
    for (int j = 0; j < v.length; j++) {
      v[j] = (byte) (i * 31 + j);
    }
    return v;
  }

  public static BucketKey keyFor(int i) {
    return BucketKey.of("crash", "k" + i);
  }

  public static int partitionFor(int i) {
    return i % 16;
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Durability durability = Durability.fromConfigName(args[1]);
    int limit = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    ChronicleMapEngine engine =
        ChronicleMapEngine.open(ChronicleStorageConfig.defaults(dir, durability).withInitialEntries(128));
    out.println("ready");
    out.flush();
    for (int i = 0; i < limit; i++) {
      engine.put(partitionFor(i), keyFor(i), valueFor(i));
      out.println("ok " + i);
      out.flush();
    }
    out.println("done");
    out.flush();
    // never closes: the parent kills this process
    try {
      Thread.sleep(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
