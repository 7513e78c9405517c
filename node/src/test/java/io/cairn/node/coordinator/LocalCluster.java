package io.cairn.node.coordinator;

import io.cairn.node.cluster.RingHolder;
import io.cairn.node.core.ExecutorScheduler;
import io.cairn.node.net.LocalNetwork;
import io.cairn.node.net.Transport;
import io.cairn.node.replica.ReplicaService;
import io.cairn.node.replica.ReplicaStore;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import io.cairn.storage.hint.HintStoreConfig;
import io.cairn.storage.hint.InMemoryHintStore;
import io.cairn.storage.memory.InMemoryEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Several node cores in one JVM on a {@link LocalNetwork}, with in-memory storage. */
public final class LocalCluster implements AutoCloseable {

  public record Node(NodeId id, ReplicaStore store, InMemoryHintStore hints, Coordinator coordinator, InMemoryEngine engine,
      BucketRegistry buckets, RingHolder rings) {}

  public final WireCodec codec = new WireCodec();
  public final ExecutorService executor = Executors.newFixedThreadPool(4);
  public final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  public final LocalNetwork network = new LocalNetwork(executor);
  public final Map<NodeId, Node> nodes = new LinkedHashMap<>();
  public final Ring ring;

  public LocalCluster(int size, int partitions, Duration timeout) {
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      members.add(Member.of("n" + i));
    }
    ring = new Claim().claim(members, partitions);
    for (Member m : members) {
      NodeId id = m.id();
      InMemoryEngine engine = new InMemoryEngine(1 << 20, Durability.MMAP);
      ReplicaStore store = new ReplicaStore(engine, codec);
      InMemoryHintStore hints = new InMemoryHintStore(new HintStoreConfig(1 << 24, 1 << 20, 1000, 1024),
          (a, b) -> codec.encode(codec.decode(a, StoredObject.class).merge(codec.decode(b, StoredObject.class), ConflictMode.SIBLINGS)),
          Clock.systemUTC());
      Transport transport = network.transportFor(id);
      RingHolder rings = new RingHolder(ring);
      BucketRegistry buckets = new BucketRegistry(BucketProps.DEFAULT, () -> size);
      Coordinator coordinator = new Coordinator(id, () -> new Actor(id, 1), rings,
          buckets, store, hints, transport, network::isUp,
          new ExecutorScheduler(timers), new CoordinatorOptions(timeout, Duration.ofMillis(200), 1 << 20), codec);
      transport.onRequest(new RequestRouter(new ReplicaService(store, hints, codec), coordinator));
      nodes.put(id, new Node(id, store, hints, coordinator, engine, buckets, rings));
    }
  }

  public Node node(String id) {
    return nodes.get(NodeId.of(id));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    timers.shutdownNow();
  }
}
