package io.cairn.verification.sim;

import io.cairn.node.coordinator.GetResult;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.verification.checker.AvailabilityChecker;
import io.cairn.verification.checker.AvailabilityResult;
import io.cairn.verification.checker.CheckResult;
import io.cairn.verification.checker.ConvergenceChecker;
import io.cairn.verification.checker.DurabilityChecker;
import io.cairn.verification.history.History;
import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One deterministic run of the whole cluster in one thread, from one seed: settings, workloads,
 * clients and faults are all drawn from it. Clients and the fault generator run until the time
 * limit; then the final phase heals everything, lets hinted handoff and anti-entropy run until
 * every replica of every key is identical (or a limit passes), records each node's own copy
 * ({@code :local-read}) and reads every key through every node with r = n ({@code :final true}).
 * The history is judged by the container suite's checkers. Availability during faults is measured
 * too, but only reported: with 30% message loss or replies later than the timeout in some
 * schedules, no fixed target would mean anything.
 */
public final class Simulation {

  /** How long the final phase waits for the replicas to converge, in simulated time. */
  static final long CONVERGENCE_LIMIT_MS = 600_000;

  /**
   * How long after a fault availability starts being counted. The simulator does not ask the
   * failure detectors, so it allows what they need: the phi detector convicts a silent peer after a
   * few missed heartbeats, and an op already waiting on that peer then still runs into its request
   * timeout.
   */
  static long detectionAllowanceMs(SimSettings settings) {
    return 4 * settings.heartbeatMs() + settings.requestTimeoutMs();
  }

  private final long seed;
  private final SimOptions options;
  private final SimScheduler sim = new SimScheduler();
  private final HistoryRecorder recorder = new HistoryRecorder(() -> sim.now() * 1_000_000L);

  private Simulation(long seed, SimOptions options) {
    this.seed = seed;
    this.options = options;
  }

  public static SimResult run(long seed) {
    return run(seed, SimOptions.DEFAULT);
  }

  public static SimResult run(long seed, SimOptions options) {
    return new Simulation(seed, options).run();
  }

  /**
   * Runs the schedule to its verdict. Whatever happens inside (an exception from the code under
   * test, an exceeded bound), the answer is a result naming this seed: a run that cannot finish
   * is INVALID with the reason and the history up to that point.
   */
  private SimResult run() {
    SimSettings settings = SimSettings.draw(new SimRandom(seed).split());
    try {
      return runToVerdict();
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      String reason = e instanceof SimBoundExceeded ? "bound exceeded: " + e.getMessage() : "the run threw " + e;
      return SimResult.aborted(seed, settings, recorder.history(), reason, sim.now(), sim.executed());
    }
  }

  private SimResult runToVerdict() {
    SimRandom root = new SimRandom(seed);
    SimSettings settings = SimSettings.draw(root.split());
    WireCodec codec = new WireCodec();
    List<SimWorkload> workloads = new ArrayList<>();
    workloads.add(new SimSetWorkload("set", ConflictMode.SIBLINGS, List.of("s0", "s1", "s2"), 0.2));
    workloads.add(new SimRegisterWorkload("register", ConflictMode.SIBLINGS, List.of("r0", "r1"), 0.3, 0.2, 0.1));
    if (options.lwwControl()) {
      workloads.add(new SimSetWorkload("set-lww", ConflictMode.LWW, List.of("s0", "s1"), 0.2));
    }
    Map<String, BucketProps> buckets = new LinkedHashMap<>();
    workloads.forEach(w -> buckets.put(w.bucket(), BucketProps.DEFAULT.withConflictMode(w.conflictMode())));
    HandlerWrapper wrapper = options.brokenMerge() ? (h, store) -> new OverwritingReplicaHandler(h, store, codec)
        : options.runawayMerge() ? SiblingHoardingReplicaHandler::new : HandlerWrapper.NONE;
    SimCluster cluster = new SimCluster(sim, settings, root.split(), codec, buckets, wrapper,
        !options.unverifiedStorage());
    cluster.startAll();
    SimGuard guard = new SimGuard(options.bounds(), sim, cluster.nodes, codec);
    sim.guardWith(guard::check);

    // clients start once the failure detectors have heard from every peer
    long begin = 3 * settings.heartbeatMs();
    sim.runUntil(begin);
    long deadline = begin + settings.runMs();
    SimRandom clientRandom = root.split();
    int concurrency = Math.max(settings.clients(), workloads.size());
    List<SimClient> clients = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      clients.add(new SimClient(sim, workloads.get(i % workloads.size()), cluster.nodes, recorder, clientRandom.split(),
          settings, i, concurrency, deadline));
    }
    clients.forEach(SimClient::start);
    SimNemesis nemesis = new SimNemesis(cluster, recorder, root.split(), settings, deadline);
    nemesis.start();
    sim.runUntil(deadline);
    // let ops in flight finish (or time out) before the final phase
    sim.runUntil(deadline + settings.clientTimeoutMs() + 1);

    nemesis.healAll();
    long healedAt = sim.now();
    sim.runUntil(sim.now() + 3 * settings.heartbeatMs());
    while (!converged(cluster, workloads) && sim.now() - healedAt < CONVERGENCE_LIMIT_MS) {
      sim.runUntil(sim.now() + 500);
    }
    long convergedAfter = converged(cluster, workloads) ? sim.now() - healedAt : -1;
    recordLocalReads(cluster, workloads);
    finalReads(cluster, workloads, settings);
    History history = recorder.history();
    BucketProps props = BucketProps.DEFAULT;
    AvailabilityResult availability = new AvailabilityChecker(Math.max(props.r(), props.w()), 0.95,
        detectionAllowanceMs(settings) * 1_000_000L).check(history);
    return new SimResult(seed, settings, history, judge(history, workloads, convergedAfter), expectations(workloads),
        availability, sim.now(), sim.executed(), cluster.network.messages());
  }

  private static boolean converged(SimCluster cluster, List<SimWorkload> workloads) {
    for (SimWorkload w : workloads) {
      for (String key : w.keys()) {
        BucketKey k = new BucketKey(w.bucket(), key);
        if (cluster.nodes.stream().map(n -> n.localCopy(k)).flatMap(Optional::stream).map(Simulation::digest).distinct().count() > 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** A replica's state as one comparable string, as the container suite digests a local read. */
  private static String digest(StoredObject copy) {
    List<String> values = new ArrayList<>();
    for (Sibling s : copy.liveSiblings()) {
      values.add(new String(s.value(), StandardCharsets.UTF_8));
    }
    values.sort(null);
    return String.join("|", values) + " @" + copy.context();
  }

  private void recordLocalReads(SimCluster cluster, List<SimWorkload> workloads) {
    for (SimWorkload w : workloads) {
      for (String key : w.keys()) {
        for (SimNode node : cluster.nodes) {
          Op invoked = recorder.invoke(Op.invoke(0, "local-read", null,
              Map.of("workload", w.name(), "key", key, "node", node.id().value(), "final", true)));
          Optional<StoredObject> copy = node.localCopy(new BucketKey(w.bucket(), key));
          if (copy.isPresent()) {
            recorder.complete(invoked, OpType.OK, digest(copy.get()), Map.of());
          } else {
            recorder.complete(invoked, OpType.FAIL, null, Map.of("error", "not a replica"));
          }
        }
      }
    }
  }

  private void finalReads(SimCluster cluster, List<SimWorkload> workloads, SimSettings settings) {
    for (SimWorkload w : workloads) {
      for (String key : w.keys()) {
        for (SimNode node : cluster.nodes) {
          Op invoked = recorder.invoke(Op.invoke(0, "read", null,
              Map.of("workload", w.name(), "key", key, "node", node.id().value(), "final", true)));
          CompletableFuture<GetResult> read = node.get(new BucketKey(w.bucket(), key), 3);
          long limit = sim.now() + settings.clientTimeoutMs();
          while (!read.isDone() && sim.now() < limit) {
            sim.runUntil(sim.now() + 1);
          }
          if (read.isDone() && !read.isCompletedExceptionally() && read.join().outcome() != QuorumOutcome.FAILED) {
            recorder.complete(invoked, OpType.OK, SimWorkload.observed(read.join().object()), Map.of());
          } else {
            String why = !read.isDone() ? "client timeout"
                : read.isCompletedExceptionally() ? "error" : "unavailable: " + read.join().detail();
            recorder.complete(invoked, OpType.FAIL, null, Map.of("error", why));
          }
        }
      }
    }
  }

  private static Map<String, CheckResult> judge(History history, List<SimWorkload> workloads, long convergedAfter) {
    Map<String, CheckResult> checks = new LinkedHashMap<>();
    for (SimWorkload w : workloads) {
      checks.put(w.name(), w.check(history.filter(op -> w.name().equals(op.get("workload")))));
    }
    for (SimWorkload w : workloads) {
      checks.put("convergence/" + w.name(), new ConvergenceChecker(convergedAfter).check(history.filter(op ->
          "local-read".equals(op.f()) && w.name().equals(op.get("workload")))));
    }
    checks.put("durability", new DurabilityChecker().check(history.filter(op -> op.isNemesis()
        || workloads.stream().anyMatch(w -> w.expectedValid() && w.name().equals(op.get("workload"))))));
    return checks;
  }

  private static Map<String, Boolean> expectations(List<SimWorkload> workloads) {
    Map<String, Boolean> expected = new LinkedHashMap<>();
    workloads.forEach(w -> expected.put(w.name(), w.expectedValid()));
    return expected;
  }
}
