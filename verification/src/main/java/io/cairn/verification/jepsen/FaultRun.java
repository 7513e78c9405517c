package io.cairn.verification.jepsen;

import io.cairn.client.CairnClient;
import io.cairn.client.Fetched;
import io.cairn.client.ReadOptions;
import io.cairn.client.RequestRejectedException;
import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.checker.ConvergenceChecker;
import io.cairn.verification.checker.DurabilityChecker;
import io.cairn.verification.history.EdnWriter;
import io.cairn.verification.history.History;
import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import io.cairn.verification.jepsen.nemesis.Nemesis;
import io.cairn.verification.jepsen.nemesis.PartitionNemesis;
import io.cairn.verification.jepsen.workload.Workload.CheckOutcome;
import io.cairn.verification.jepsen.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Scenario} against a {@link DockerCluster} the way Jepsen runs a test: client
 * threads issue ops at a rate while the nemesis injects faults, until the time limit; then the
 * final phase heals everything, waits for the replicas to converge, and reads every key from every
 * node. The history and the checkers' results are written under the store directory, with the
 * nodes' logs.
 */
public final class FaultRun {
  private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
  private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(90);
  /**
   * Where no detection was measured (kill, pause, clock, packet loss; a partition whose probe
   * failed), availability is counted from this long after the fault is in place: about what the
   * phi detector needs at the suite's 500 ms heartbeats, plus the node's 2 s request timeout.
   */
  static final Duration DETECTION_ALLOWANCE = Duration.ofSeconds(5);
  /** The share of reads and of writes each side that can meet the quorum must acknowledge. */
  static final double AVAILABILITY_TARGET = 0.95;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final DockerCluster cluster;
  private final Scenario scenario;
  private final Path storeRoot;
  private final long startNanos = System.nanoTime();
  private final HistoryRecorder recorder = new HistoryRecorder(() -> System.nanoTime() - startNanos);

  private FaultRun(DockerCluster cluster, Scenario scenario, Path storeRoot) {
    this.cluster = cluster;
    this.scenario = scenario;
    this.storeRoot = storeRoot;
  }

  public static RunResult run(DockerCluster cluster, Scenario scenario, Path storeRoot) {
    return new FaultRun(cluster, scenario, storeRoot).run();
  }

  private RunResult run() {
    LOG.info("scenario {}: {} of faults", scenario.name(), scenario.timeLimit());
    for (Workload w : scenario.workloads()) {
      cluster.setBucketProps(w.bucket(), Map.of("conflictMode", w.conflictMode()));
    }
    long deadline = System.nanoTime() + scenario.timeLimit().toNanos();
    int concurrency = scenario.threads().values().stream().mapToInt(Integer::intValue).sum();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
    List<Future<?>> tasks = new ArrayList<>();
    int thread = 0;
    for (Workload w : scenario.workloads()) {
      for (int i = 0; i < scenario.threads().get(w); i++, thread++) {
        int first = thread;
        tasks.add(pool.submit(() -> clientLoop(w, first, concurrency, deadline)));
      }
    }
    tasks.add(pool.submit(() -> nemesisLoop(deadline)));
    awaitAll(tasks);
    pool.shutdownNow();

    healEverything();
    long convergedAfterMs = awaitConvergence();
    finalReads();
    History history = recorder.history();
    return judgeAndStore(history, convergedAfterMs);
  }

  private void clientLoop(Workload workload, int thread, int concurrency, long deadline) {
    Random random = new Random(scenario.seed() * 1_000_003L + thread);
    List<String> nodes = cluster.nodes();
    String node = nodes.get(thread % nodes.size());
    CairnClient client = cluster.client(node);
    int process = thread;
    while (System.nanoTime() < deadline) {
      Op next = workload.next(process, random);
      if (next == null) {
        return;
      }
      if (scenario.nodePerOp()) {
        // every side of a partition then sees every workload's ops, so every side is measured
        node = nodes.get(random.nextInt(nodes.size()));
        client = cluster.client(node);
      }
      Op invoked = recorder.invoke(withNode(next, node));
      Op done = workload.apply(invoked, client);
      recorder.complete(invoked, done.type(), done.value(), done.extra());
      if (done.type() == OpType.INFO) {
        process += concurrency; // as in Jepsen: a process whose op is in doubt never returns
      }
      long mean = scenario.opInterval().toNanos();
      LockSupport.parkNanos(mean == 0 ? 0 : (long) (random.nextDouble() * 2 * mean));
    }
  }

  private void nemesisLoop(long deadline) {
    NemesisSchedule schedule = scenario.schedule();
    if (schedule == null) {
      return;
    }
    Random random = new Random(scenario.seed());
    sleepUntil(Math.min(deadline, System.nanoTime() + schedule.firstDelay().toNanos()));
    do {
      if (System.nanoTime() >= deadline) {
        return;
      }
      Object fault = nemesisOp(schedule.nemesis().startF(), () -> schedule.nemesis().start(random));
      long inPlace = System.nanoTime();
      long faultEnd = Math.min(deadline, inPlace + schedule.faultFor().toNanos());
      if (schedule.nemesis() instanceof PartitionNemesis && fault instanceof Map<?, ?> grudge) {
        awaitDetection(grudge, inPlace, Math.min(faultEnd, inPlace + DetectionProbe.BOUND.toNanos()));
      }
      sleepUntil(faultEnd);
      nemesisOp(schedule.nemesis().stopF(), () -> schedule.nemesis().stop());
      sleepUntil(Math.min(deadline, System.nanoTime() + schedule.healFor().toNanos()));
    } while (schedule.repeat());
  }

  /** Records a nemesis action as Jepsen does: an :info op with what it did, or the error (then null). */
  private Object nemesisOp(String f, Supplier<Object> action) {
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, f, null, Map.of()));
    try {
      Object value = action.get();
      LOG.info("nemesis {} {}", f, value);
      recorder.complete(invoked, OpType.INFO, value, Map.of());
      return value;
    } catch (RuntimeException e) {
      LOG.warn("nemesis {} failed", f, e);
      recorder.complete(invoked, OpType.INFO, null, Map.of("error", e.toString()));
      return null;
    }
  }

  /**
   * Polls the nodes' failure detectors until each reports the peers it is cut from as unreachable
   * (or {@code until} passes), and records the moment as a nemesis {@code :detected} op: the
   * availability checker counts from there. Its value is the partition's sides; {@code :after-ms}
   * says how long each node took, {@code :complete false} that some never did within the bound.
   */
  private void awaitDetection(Map<?, ?> grudgeValue, long inPlace, long until) {
    Map<String, List<String>> grudge = new TreeMap<>();
    grudgeValue.forEach((node, peers) -> grudge.put(node.toString(),
        peers instanceof Collection<?> c ? c.stream().map(Object::toString).toList() : List.of()));
    Op invoked = recorder.invoke(Op.invoke(Op.NEMESIS, "detected", null, Map.of()));
    DetectionProbe.Outcome outcome = DetectionProbe.of(cluster).await(grudge, inPlace, until);
    LOG.info("partition detected: {}", outcome);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("complete", outcome.complete());
    extra.put("after-ms", outcome.afterMs());
    extra.put("polls", (long) outcome.polls());
    if (!outcome.pending().isEmpty()) {
      extra.put("pending", outcome.pending());
    }
    recorder.complete(invoked, OpType.INFO, AvailabilityChecker.components(grudge, cluster.nodes()), extra);
  }

  /** Final phase, whatever nemesis ran: network healed, processes resumed and started, clocks true. */
  private void healEverything() {
    Nemesis active = scenario.schedule() == null ? null : scenario.schedule().nemesis();
    if (active != null) {
      nemesisOp(active.stopF(), active::stop);
    }
    nemesisOp("heal", () -> {
      cluster.nodes().parallelStream().forEach(node -> {
        // resume fails on a node that is not running, which is fine here: start follows
        cluster.sh(node, "iptables -w -F && iptables -w -X && { " + DockerCluster.NODE_CTL
            + " resume >/dev/null 2>&1 || true; } && " + DockerCluster.NODE_CTL + " skew 0");
        cluster.startNode(node);
      });
      return cluster.nodes();
    });
  }

  /**
   * Polls every node's own copy of every key until all copies of each key are identical, and
   * returns how long that took (-1 if it never happened within the limit). The final round is
   * recorded in the history as {@code local-read} ops for the convergence checker.
   */
  private long awaitConvergence() {
    long began = System.nanoTime();
    long limit = began + CONVERGENCE_LIMIT.toNanos();
    while (true) {
      Map<String, Map<String, String>> copies = localCopies();
      boolean converged = copies.values().stream().allMatch(c -> c.values().stream().distinct().count() == 1);
      if (converged || System.nanoTime() > limit) {
        long ms = converged ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) : -1;
        LOG.info("scenario {}: {}", scenario.name(), converged ? "converged after " + ms + " ms" : "did not converge");
        recordLocalReads();
        return ms;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
  }

  /** workload/key → node → digest of that node's copy (nodes holding no copy are left out). */
  private Map<String, Map<String, String>> localCopies() {
    Map<String, Map<String, String>> copies = new TreeMap<>();
    for (Workload w : scenario.workloads()) {
      for (String key : w.keys()) {
        Map<String, String> byNode = new TreeMap<>();
        for (String node : cluster.nodes()) {
          try {
            byNode.put(node, digest(cluster.client(node).get(w.bucket(), key, ReadOptions.localCopy())));
          } catch (RequestRejectedException notAReplica) {
            // 409: this node holds no copy of the key
          } catch (RuntimeException e) {
            byNode.put(node, "error: " + e.getMessage());
          }
        }
        copies.put(w.name() + "/" + key, byNode);
      }
    }
    return copies;
  }

  private void recordLocalReads() {
    for (Workload w : scenario.workloads()) {
      for (String key : w.keys()) {
        for (String node : cluster.nodes()) {
          Op invoked = recorder.invoke(Op.invoke(0, "local-read", null,
              Map.of("workload", w.name(), "key", key, "node", node, "final", true)));
          try {
            Fetched copy = cluster.client(node).get(w.bucket(), key, ReadOptions.localCopy());
            recorder.complete(invoked, OpType.OK, digest(copy), Map.of());
          } catch (RequestRejectedException notAReplica) {
            recorder.complete(invoked, OpType.FAIL, null, Map.of("error", "not a replica"));
          } catch (RuntimeException e) {
            recorder.complete(invoked, OpType.FAIL, null, Map.of("error", e.toString()));
          }
        }
      }
    }
  }

  /** A replica's state as one comparable string: its sibling values and its causal context. */
  private static String digest(Fetched copy) {
    List<String> values = new ArrayList<>();
    copy.siblings().forEach(v -> values.add(v.asString()));
    values.sort(null);
    return String.join("|", values) + " @" + copy.context().orElse("-");
  }

  /** Jepsen's final reads: every key through every node, waiting for all replicas (r = n). */
  private void finalReads() {
    for (Workload w : scenario.workloads()) {
      for (String key : w.keys()) {
        for (String node : cluster.nodes()) {
          Op invoked = recorder.invoke(Op.invoke(0, "read", null,
              Map.of("workload", w.name(), "key", key, "node", node, "final", true)));
          try {
            Fetched all = cluster.client(node).get(w.bucket(), key, ReadOptions.DEFAULT.withR(3));
            recorder.complete(invoked, OpType.OK, w.observed(all), Map.of());
          } catch (RuntimeException e) {
            recorder.complete(invoked, OpType.FAIL, null, Map.of("error", e.toString()));
          }
        }
      }
    }
  }

  private RunResult judgeAndStore(History history, long convergedAfterMs) {
    Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
    for (Workload w : scenario.workloads()) {
      History own = history.filter(op -> w.name().equals(op.get("workload")));
      outcomes.put(w.name(), w.check(own));
    }
    // per workload: workloads use the same key names in different buckets
    Map<String, Object> convergence = new LinkedHashMap<>();
    boolean converged = true;
    for (Workload w : scenario.workloads()) {
      var result = new ConvergenceChecker(convergedAfterMs).check(history.filter(op ->
          "local-read".equals(op.f()) && w.name().equals(op.get("workload"))));
      converged &= result.valid();
      convergence.put(w.name(), result.toEdn());
    }
    outcomes.put("convergence", new CheckOutcome(converged, convergence));
    if (scenario.checkDurability()) {
      // per workload that must be valid, each with the nemesis ops that mark the kills
      Map<String, Object> durability = new LinkedHashMap<>();
      boolean durable = true;
      for (Workload w : scenario.workloads()) {
        if (w.expectedValid()) {
          var result = new DurabilityChecker().check(history.filter(op ->
              op.isNemesis() || w.name().equals(op.get("workload"))));
          durable &= result.valid();
          durability.put(w.name(), result.toEdn());
        }
      }
      outcomes.put("durability", new CheckOutcome(durable, durability));
    }
    // per workload, each with the nemesis ops that mark the faults and their detection
    Map<String, AvailabilityResult> availability = new LinkedHashMap<>();
    AvailabilityChecker availabilityChecker = new AvailabilityChecker(ClusterSpec.quorumNodes(),
        AVAILABILITY_TARGET, DETECTION_ALLOWANCE.toNanos());
    for (Workload w : scenario.workloads()) {
      availability.put(w.name(), availabilityChecker.check(history.filter(op ->
          op.isNemesis() || w.name().equals(op.get("workload")))));
    }
    RunResult result = new RunResult(scenario, outcomes, availability, convergedAfterMs, storeDir(),
        history.size());
    store(history, result);
    return result;
  }

  private Path storeDir() {
    return storeRoot.resolve(scenario.name()).resolve(LocalDateTime.now().format(STAMP));
  }

  private void store(History history, RunResult result) {
    try {
      Files.createDirectories(result.dir());
      EdnWriter.writeHistory(history, result.dir().resolve("history.edn"));
      Files.writeString(result.dir().resolve("results.edn"), EdnWriter.write(result.toEdn()) + "\n");
      cluster.collectLogs(result.dir());
      LOG.info("scenario {}: {} — {}", scenario.name(), result.summary(), result.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the store at " + result.dir(), e);
    }
  }

  private static Op withNode(Op op, String node) {
    Map<String, Object> extra = new LinkedHashMap<>(op.extra());
    extra.put("node", node);
    return new Op(op.index(), op.time(), op.type(), op.process(), op.f(), op.value(), extra);
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private static void awaitAll(List<Future<?>> tasks) {
    for (Future<?> task : tasks) {
      try {
        task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a client or the nemesis failed", e.getCause());
      }
    }
  }
}
