package io.cairn.node.bench;

import io.cairn.node.antientropy.ExchangeResult;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Measures what anti-entropy moves between two replicas holding KEYS keys of which 100 differ,
 * against the size of the data: every request and reply of the exchanges is encoded and counted as
 * a network would carry it. Not a test; run (from the repository root):
 *
 * <pre>
 * mvn -q -pl node -am test-compile -Pae-cost -Dae.keys="100000 1000000" -Dae.leaves=1024
 * </pre>
 */
public final class AntiEntropyCost {

  private static final int PARTITIONS = 16;
  private static final int DIFFERENT = 100;

  /** Arguments: leaves per partition tree, then one or more key counts. */
  public static void main(String[] args) throws Exception {
    int leaves = args.length > 0 ? Integer.parseInt(args[0].trim()) : 1024;
    for (int i = 1; i < Math.max(args.length, 2); i++) {
      run(args.length > i ? Integer.parseInt(args[i].trim()) : 100_000, leaves);
    }
  }

  private static void run(int keys, int leaves) throws Exception {
    try (LocalCluster c = new LocalCluster(2, PARTITIONS, Duration.ofSeconds(60), leaves)) {
      Partitioner partitioner = new Partitioner(PARTITIONS);
      Actor writer = Actor.of("loader", 1);
      long dataBytes = 0;
      for (int k = 0; k < keys; k++) {
        BucketKey key = BucketKey.of("cost", "key-" + k);
        int p = partitioner.partitionOf("cost", key.key());
        StoredObject object = StoredObject.empty()
            .write(writer, VersionVector.empty(), Sibling.of(new byte[100], "application/octet-stream", k), ConflictMode.SIBLINGS);
        dataBytes += c.codec.encode(object).length;
        c.node("n1").store().merge(p, key, object, ConflictMode.SIBLINGS);
        if (k % (keys / DIFFERENT) != 0) { // n2 misses exactly DIFFERENT keys
          c.node("n2").store().merge(p, key, object, ConflictMode.SIBLINGS);
        }
      }
      c.network.countBytes(c.codec);
      int repaired = 0;
      int nodes = 0;
      long start = System.nanoTime();
      for (int p = 0; p < PARTITIONS; p++) {
        ExchangeResult r = c.node("n1").antiEntropy().exchange(p, NodeId.of("n2")).get(300, TimeUnit.SECONDS);
        repaired += r.keysRepaired();
        nodes += r.nodesCompared();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long moved = c.network.takeBytes();
      System.out.printf("| %,d | %,d | %d | %,d | %,d | %.3f%% | %,d | %d | %.2f s |%n",
          keys, leaves, DIFFERENT, dataBytes, moved, 100.0 * moved / dataBytes, nodes, repaired, seconds);
    }
  }
}
