package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Runs the default number of seeded schedules ({@code cairn.sim.seeds}, from {@code
 * cairn.sim.base-seed}), each a whole cluster under faults in one thread, and requires every one
 * to be valid. With {@code -Dcairn.sim.seed=S} it replays that one schedule only. A failure names
 * each failing seed with the command that replays it, and stops early once {@code
 * cairn.sim.max-failures} (5) seeds have failed. Every run is held to {@link SimBounds}, so a
 * runaway bug ends its seed as INVALID instead of exhausting the machine. It also prints
 * availability during partitions across all seeds: reported, never judged.
 */
class SimulationTest {

  static final long DEFAULT_BASE_SEED = 1;
  static final int DEFAULT_SEEDS = 10_000;
  /** How many operations of a failing run are printed beside its verdict. */
  static final int IMPLICATED_OPS = 40;

  static long baseSeed() {
    return Long.getLong("cairn.sim.base-seed", DEFAULT_BASE_SEED);
  }

  static int seedCount() {
    return Integer.getInteger("cairn.sim.seeds", DEFAULT_SEEDS);
  }

  @Test
  void everySeededScheduleIsValid() throws Exception {
    String one = System.getProperty("cairn.sim.seed");
    long[] seeds = one != null && !one.isBlank()
        ? new long[] {Long.parseLong(one.strip())}
        : LongStream.range(0, seedCount()).map(i -> baseSeed() + i).toArray();
    // only a summary of each failure is kept: a thousand failing histories would not fit in memory
    ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    int maxFailures = Integer.getInteger("cairn.sim.max-failures", 5);
    AtomicLong skipped = new AtomicLong();
    AtomicLong ops = new AtomicLong();
    AtomicLong simulated = new AtomicLong();
    Availability availability = new Availability();
    AtomicReference<SimResult> only = new AtomicReference<>();
    long began = System.nanoTime();
    // each run is a world of its own on one thread: running two at once keeps every run deterministic
    int threads = Integer.getInteger("cairn.sim.threads", Runtime.getRuntime().availableProcessors());
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      pool.submit(() -> LongStream.of(seeds).parallel().forEach(seed -> {
        if (failures.size() >= maxFailures) {
          skipped.incrementAndGet(); // enough to chase: stop early instead of running them all
          return;
        }
        SimResult r = Simulation.run(seed);
        ops.addAndGet(r.history().size());
        simulated.addAndGet(r.simulatedMs());
        availability.add(r);
        if (seeds.length == 1) {
          only.set(r);
        }
        if (!r.valid()) {
          failures.add(new Failure(r.seed(), r.toString(), r.resultsEdn(), r.implicatedOpsEdn(IMPLICATED_OPS),
              seeds.length == 1 ? r.historyEdn() : ""));
        }
      })).get();
    } finally {
      pool.shutdown();
    }
    long ms = (System.nanoTime() - began) / 1_000_000;
    System.out.printf("simulation: %d seeds from %d, %d ops, %d simulated s, %d ms wall, %d threads%n",
        seeds.length, seeds[0], ops.get(), simulated.get() / 1000, ms, threads);
    System.out.println(availability.summary());
    List<Failure> failed = failures.stream().sorted(Comparator.comparingLong(Failure::seed)).toList();
    for (Failure f : failed) {
      System.out.println("FAILED " + f.summary());
      System.out.println("  " + f.results());
      System.out.println("  operations on the keys it names, with the faults (first " + IMPLICATED_OPS + "):");
      System.out.print(f.implicated().indent(4));
      System.out.println("  replay: " + SimResult.replayCommand(f.seed()));
    }
    if (skipped.get() > 0) {
      System.out.println("stopped early after " + failed.size() + " failing seeds; " + skipped.get() + " seeds not run");
    }
    if (seeds.length == 1) {
      System.out.println("availability: " + only.get().availabilityEdn());
    }
    if (seeds.length == 1 && !failed.isEmpty()) {
      System.out.println(failed.get(0).history());
    }
    assertThat(failed.stream().map(f -> f.seed() + " → " + SimResult.replayCommand(f.seed())).toList())
        .as("seeds whose schedule the checkers found invalid").isEmpty();
  }

  /**
   * What is kept of a failing seed: its line, its checkers' figures, the operations on the keys they
   * name, and (replaying one seed) its history.
   */
  private record Failure(long seed, String summary, String results, String implicated, String history) {}

  /** Reads and writes during partitions, summed over seeds from every thread. */
  private static final class Availability {
    private AvailabilityResult.Counts judged = AvailabilityResult.Counts.ZERO;
    private AvailabilityResult.Counts smaller = AvailabilityResult.Counts.ZERO;
    private AvailabilityResult.Counts stormy = AvailabilityResult.Counts.ZERO;
    private final Map<String, AvailabilityResult.Counts> byKind = new TreeMap<>();

    synchronized void add(SimResult r) {
      judged = judged.plus(r.duringPartitions(true, true));
      smaller = smaller.plus(r.duringPartitions(true, false));
      stormy = stormy.plus(r.duringPartitions(false, true)).plus(r.duringPartitions(false, false));
      r.availability().byKind().forEach((kind, c) -> byKind.merge(kind, c, AvailabilityResult.Counts::plus));
    }

    synchronized String summary() {
      return "availability during partitions with a calm network (counted from 4 x heartbeat + request timeout"
          + " after the cut): sides that can meet R and W: reads " + judged.reads() + ", writes " + judged.writes()
          + "; smaller sides: reads " + smaller.reads() + ", writes " + smaller.writes()
          + "; partitions with other faults too: reads " + stormy.reads() + ", writes " + stormy.writes()
          + "\navailability by fault kind (every side, faults overlapping): " + String.join("; ", byKind.entrySet().stream()
              .map(e -> e.getKey() + " reads " + e.getValue().reads() + ", writes " + e.getValue().writes()).toList());
    }
  }
}
