package io.cairn.protocol.bench;

import io.cairn.protocol.merkle.TicTacTree;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-write cost of keeping a partition's Merkle tree current: {@code replace} (an overwrite
 * swaps one item hash for another in the key's leaf) and {@code add}, for production's 1,024 leaves
 * and a larger tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MerkleBenchmark {
  @Param({"1024", "65536"})
  public int leaves;

  private TicTacTree tree;
  private final SplittableRandom random = new SplittableRandom(7);
  private long item = 1;

  @Setup
  public void setup() {
    tree = new TicTacTree(leaves);
    for (int i = 0; i < 10_000; i++) {
      tree.add(random.nextLong(), random.nextLong());
    }
  }

  @Benchmark
  public long replace() {
    long position = random.nextLong();
    long next = random.nextLong();
    tree.replace(position, item, next);
    item = next;
    return tree.root();
  }

  @Benchmark
  public long add() {
    tree.add(random.nextLong(), random.nextLong());
    return tree.root();
  }
}
