package io.cairn.node.coordinator;

import java.time.Duration;

/**
 * @param requestTimeout default deadline of a coordinated get or put
 * @param readRepairLinger how long a get keeps listening for late replies after answering, to
 *     repair replicas that were slow
 * @param maxValueBytes largest client value accepted
 */
public record CoordinatorOptions(Duration requestTimeout, Duration readRepairLinger, int maxValueBytes) {

  public static CoordinatorOptions defaults() {
    return new CoordinatorOptions(Duration.ofSeconds(5), Duration.ofSeconds(1), 1024 * 1024);
  }
}
