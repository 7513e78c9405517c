package io.cairn.verification.jepsen;

import io.cairn.verification.jepsen.workload.Workload;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One test: workloads side by side (each with its own client threads, bucket and keys), one
 * nemesis schedule, and the time limit of the fault phase. The final phase (heal, quiesce, read
 * from every node) follows in every scenario.
 *
 * @param name            directory name under the store, e.g. {@code partition-halves}
 * @param threads         client threads per workload
 * @param opInterval      mean pause between a thread's ops (Jepsen's stagger)
 * @param checkDurability also run the durability checker (acknowledged writes survive kills)
 * @param nodePerOp       each op goes to a node drawn per op, so that every side of a partition
 *                        sees every workload and its availability is measured; false: thread i
 *                        stays on node i mod nodes, as Jepsen binds its clients
 */
public record Scenario(String name, Map<Workload, Integer> threads, NemesisSchedule schedule,
            Duration timeLimit, Duration opInterval, long seed, boolean checkDurability,
            boolean nodePerOp) {
  public Scenario {
    threads = Map.copyOf(threads);
  }

  public List<Workload> workloads() {
    return threads.keySet().stream().sorted(Comparator.comparing(Workload::name)).toList();
  }
}
