package io.cairn.verification.sim;

import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated client thread: issues its workload's ops one at a time against a node picked per
 * op, with a seeded think time between them, until the deadline. An op the cluster does not
 * answer within the client timeout is {@code :info} if a write may have been sent, else
 * {@code :fail}. As in Jepsen, a process whose op ended {@code :info} never returns: the client
 * continues as a new process id.
 */
final class SimClient {

  private final SimScheduler sim;
  private final SimWorkload workload;
  private final List<SimNode> nodes;
  private final HistoryRecorder recorder;
  private final SimRandom random;
  private final SimSettings settings;
  private final int concurrency;
  private final long deadline;
  private int process;
  private boolean busy;

  SimClient(SimScheduler sim, SimWorkload workload, List<SimNode> nodes, HistoryRecorder recorder, SimRandom random,
      SimSettings settings, int process, int concurrency, long deadline) {
    this.sim = sim;
    this.workload = workload;
    this.nodes = nodes;
    this.recorder = recorder;
    this.random = random;
    this.settings = settings;
    this.process = process;
    this.concurrency = concurrency;
    this.deadline = deadline;
  }

  void start() {
    sim.after(random.between(0, settings.meanThinkMs()), this::issue);
  }

  /** Whether an op is still waiting for its answer. */
  boolean busy() {
    return busy;
  }

  private void issue() {
    if (sim.now() >= deadline) {
      return;
    }
    Op next = workload.next(process, random);
    if (next == null) {
      return;
    }
    SimNode node = random.pick(nodes);
    Map<String, Object> extra = new LinkedHashMap<>(next.extra());
    extra.put("node", node.id().value());
    Op invoked = recorder.invoke(new Op(-1, -1, next.type(), next.process(), next.f(), next.value(), extra));
    busy = true;
    SimWorkload.Attempt attempt = new SimWorkload.Attempt();
    boolean[] done = new boolean[1];
    sim.after(settings.clientTimeoutMs(), () -> {
      if (!done[0]) {
        done[0] = true;
        OpType type = attempt.writeSent ? OpType.INFO : OpType.FAIL;
        finish(invoked, invoked.complete(type, type == OpType.INFO ? invoked.value() : null,
            Outcome.withError(attempt.writeSent ? attempt.extra : Map.of(), "client timeout")));
      }
    });
    workload.apply(invoked, node, attempt).whenComplete((completion, error) -> {
      if (done[0]) {
        return;
      }
      done[0] = true;
      finish(invoked, error == null ? completion
          : attempt.writeSent ? Outcome.writeError(invoked, error, attempt.extra) : Outcome.readError(invoked, error));
    });
  }

  private void finish(Op invoked, Op completion) {
    recorder.complete(invoked, completion.type(), completion.value(), completion.extra());
    busy = false;
    if (completion.type() == OpType.INFO) {
      process += concurrency;
    }
    long think = settings.meanThinkMs();
    sim.after(random.between(0, 2 * think), this::issue);
  }
}
