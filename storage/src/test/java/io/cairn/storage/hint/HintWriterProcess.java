package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Child process of {@link ChronicleHintStoreTest}: adds hints to the store in {@code args[0]} as
 * fast as it can, printing "added i" after each add returns, until it is killed. Never closes the
 * store: the point is an unclean stop.
 */
public final class HintWriterProcess {

  static final int MAX_HINTS = 200_000;
  static final HintStoreConfig CONFIG = new HintStoreConfig(64L << 20, 4096, 10_000, 256);

  private HintWriterProcess() {}

  static NodeId target(int i) {
    return NodeId.of("n" + (i % 3));
  }

  static int partition(int i) {
    return i % 16;
  }

  static BucketKey key(int i) {
    return BucketKey.of("bucket", "key-" + i);
  }

  /** Content that tells whether a hint came back intact: derived from i, of varying length. */
  static byte[] object(int i) {
    byte[] seed = ("value-" + i + ";").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[20 + i % 300];
    for (int j = 0; j < out.length; j++) {
      out[j] = seed[j % seed.length];
    }
    return out;
  }

  /** The i a key was written for, or -1. */
  static int indexOf(BucketKey key) {
    return key.key().startsWith("key-") ? Integer.parseInt(key.key().substring(4)) : -1;
  }

  static boolean intact(Hint h) {
    int i = indexOf(h.key());
    return i >= 0 && h.target().equals(target(i)) && h.partition() == partition(i)
        && Arrays.equals(h.object(), object(i));
  }

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    ChronicleHintStore store = ChronicleHintStore.open(
        Path.of(args[0]), CONFIG, HintStoreContract::concat, Clock.systemUTC());
    for (int i = 0; i < MAX_HINTS; i++) {
      store.add(target(i), partition(i), key(i), object(i));
      out.println("added " + i);
      out.flush();
    }
    out.println("done");
    out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
