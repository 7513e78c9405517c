package io.cairn.node.http;

import com.codahale.metrics.MetricRegistry;
import io.cairn.node.cluster.Reachability;
import io.cairn.node.cluster.RingHolder;
import io.cairn.node.coordinator.BucketRegistry;
import io.cairn.node.coordinator.Coordinator;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.hint.HintStore;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * What the HTTP API needs from the node.
 *
 * @param maxConcurrentRequests admission control: requests beyond this many in flight get 503
 * @param antiEntropyStatus per partition, seconds since anti-entropy last found it in sync
 */
public record HttpDeps(
    NodeId self,
    Coordinator coordinator,
    ReplicaStore store,
    HintStore hints,
    BucketRegistry buckets,
    RingHolder rings,
    Reachability reachability,
    MetricRegistry metrics,
    BooleanSupplier ready,
    int maxKeyBytes,
    int maxValueBytes,
    int maxConcurrentRequests,
    Clock clock,
    RandomGenerator random,
    java.util.function.Supplier<java.util.Map<Integer, Long>> antiEntropyStatus) {}
