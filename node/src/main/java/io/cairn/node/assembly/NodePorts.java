package io.cairn.node.assembly;

import io.cairn.node.cluster.Reachability;
import io.cairn.node.core.Metrics;
import io.cairn.node.core.Scheduler;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.storage.StorageEngine;
import io.cairn.storage.hint.HintStore;
import io.cairn.storage.identity.DurableCell;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link NodeCore} talks to outside itself. A node supplies Vert.x, Chronicle Map and
 * files; the simulator supplies its network, scheduler, in-memory disk and clock. Nothing else
 * differs between the two.
 *
 * @param clock the wall clock (sibling timestamps, hint ages, tombstone grace)
 * @param monotonicMillis a clock that never goes back (failure detection)
 * @param background runs partition scans, never on an event loop
 * @param identity where the replica identity (node id and epoch) is kept
 * @param dotLease where the dot lease's bound is kept
 * @param storageReplaced the storage is not the one this node's identity last ran with (missing, or
 *     another copy, such as an old one restored from a backup): writes acknowledged before may be
 *     gone from it, so the node must take a new replica epoch
 * @param ring the ring to start with
 * @param random request ids and other draws
 * @param reachability refines the failure detector's verdict into the one requests route by (tests
 *     substitute their network's own view here)
 */
public record NodePorts(
  NodeId self,
  Clock clock,
  LongSupplier monotonicMillis,
  Transport transport,
  Scheduler scheduler,
  Executor background,
  StorageEngine engine,
  HintStore hints,
  DurableCell identity,
  DurableCell dotLease,
  boolean storageReplaced,
  Ring ring,
  RandomGenerator random,
  Metrics metrics,
  UnaryOperator<Reachability> reachability) {}
