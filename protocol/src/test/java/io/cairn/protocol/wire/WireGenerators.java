package io.cairn.protocol.wire;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Claim;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary instances of every registered wire type. */
final class WireGenerators {

  private WireGenerators() {}

  static Arbitrary<NodeId> nodeIds() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .numeric()
        .withChars('.', '_', '-')
        .ofMinLength(0)
        .ofMaxLength(NodeId.MAX_LENGTH - 1)
        .map(s -> NodeId.of("n" + s));
  }

  static Arbitrary<Actor> actors() {
    return Combinators.combine(
            nodeIds(),
            Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().greaterOrEqual(0)))
        .as(Actor::new);
  }

  static Arbitrary<VersionVector> vectors() {
    return Arbitraries.maps(actors(), Arbitraries.longs().between(1, Long.MAX_VALUE))
        .ofMaxSize(6)
        .map(VersionVector::of);
  }

  static Arbitrary<Sibling> siblings() {
    Arbitrary<Sibling> values =
        Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40),
                Arbitraries.longs())
            .as(Sibling::of);
    return Arbitraries.oneOf(values, Arbitraries.longs().map(Sibling::tombstone));
  }

  /** Objects built by real writes and merges at a few replicas, so they are reachable states. */
  static Arbitrary<StoredObject> objects() {
    Arbitrary<List<Integer>> steps = Arbitraries.integers().between(0, 11).list().ofMaxSize(12);
    return Combinators.combine(steps, siblings().list().ofMinSize(12).ofMaxSize(12))
        .as(
            (ops, values) -> {
              List<StoredObject> replicas = new ArrayList<>(List.of(StoredObject.empty(), StoredObject.empty(), StoredObject.empty()));
              int i = 0;
              for (int op : ops) {
                int r = op % 3;
                if (op < 6) {
                  VersionVector ctx = op < 3 ? VersionVector.empty() : replicas.get((r + 1) % 3).context();
                  replicas.set(r, replicas.get(r).write(Actor.of("n" + r, r), ctx, values.get(i++), ConflictMode.SIBLINGS));
                } else {
                  replicas.set(r, replicas.get(r).merge(replicas.get((r + 1) % 3), ConflictMode.SIBLINGS));
                }
              }
              return replicas.get(0).merge(replicas.get(ops.size() % 3), ConflictMode.SIBLINGS);
            });
  }

  static Arbitrary<BucketKey> keys() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(30)
        .filter(WireGenerators::wellFormed);
    return Combinators.combine(text, text).as(BucketKey::new);
  }

  private static boolean wellFormed(String s) {
    return s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
  }

  static Arbitrary<Member> members() {
    return Combinators.combine(
            nodeIds(),
            Arbitraries.integers().between(1, Member.MAX_WEIGHT),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).optional())
        .as(Member::new);
  }

  static Arbitrary<Ring> rings() {
    Arbitrary<List<Member>> members =
        Arbitraries.integers().between(1, 6).flatMap(n ->
            Combinators.combine(Arbitraries.integers().between(1, 4).list().ofSize(n),
                    Arbitraries.of("a", "b", "c").optional().list().ofSize(n))
                .as((weights, zones) -> {
                  List<Member> out = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    out.add(new Member(NodeId.of("n" + i), weights.get(i), zones.get(i)));
                  }
                  return out;
                }));
    return Combinators.combine(members, Arbitraries.of(8, 16, 64, 256), Arbitraries.longs().between(0, 1000))
        .as((m, q, epoch) -> new Claim(3).claim(m, q).withEpoch(epoch));
  }

  static Arbitrary<RequestId> requestIds() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(RequestId::new);
  }

  static Arbitrary<String> details() {
    return Arbitraries.strings().ofMaxLength(50).filter(WireGenerators::wellFormed);
  }

  private static Arbitrary<Integer> small() {
    return Arbitraries.integers().between(0, 10);
  }

  /** One generator per registered type; the codec test checks that none is missing. */
  static Map<Class<?>, Arbitrary<?>> byType() {
    Map<Class<?>, Arbitrary<?>> g = new LinkedHashMap<>();
    g.put(NodeId.class, nodeIds());
    g.put(Actor.class, actors());
    g.put(VersionVector.class, vectors());
    g.put(Sibling.class, siblings());
    g.put(StoredObject.class, objects());
    g.put(BucketKey.class, keys());
    g.put(BucketProps.class, Combinators.combine(small(), small(), small(), Arbitraries.of(ConflictMode.class)).as(BucketProps::new));
    g.put(Member.class, members());
    g.put(Ring.class, rings());
    g.put(RequestId.class, requestIds());
    g.put(ReplicaPut.class,
        Combinators.combine(Arbitraries.integers().between(0, 65535), keys(), objects(), Arbitraries.of(ConflictMode.class), nodeIds().optional())
            .as(ReplicaPut::new));
    g.put(ReplicaPutReply.class, Combinators.combine(Arbitraries.of(ReplicaStatus.class), details()).as(ReplicaPutReply::new));
    g.put(ReplicaGet.class, Combinators.combine(Arbitraries.integers().between(0, 65535), keys()).as(ReplicaGet::new));
    g.put(ReplicaGetReply.class,
        Combinators.combine(Arbitraries.of(ReplicaStatus.class), objects(), details()).as(ReplicaGetReply::new));
    g.put(CoordinatePut.class,
        Combinators.combine(requestIds(), keys(), vectors(), siblings(), small(), small(), Arbitraries.longs().between(0, 100_000))
            .as(CoordinatePut::new));
    g.put(CoordinatePutReply.class,
        Combinators.combine(requestIds(), Arbitraries.of(QuorumOutcome.class), objects(), details()).as(CoordinatePutReply::new));
    g.put(CoordinateGet.class,
        Combinators.combine(requestIds(), keys(), small(), small(), Arbitraries.longs().between(0, 100_000)).as(CoordinateGet::new));
    g.put(CoordinateGetReply.class,
        Combinators.combine(requestIds(), Arbitraries.of(QuorumOutcome.class), objects(), details()).as(CoordinateGetReply::new));
    g.put(Heartbeat.class,
        Combinators.combine(nodeIds(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs()).as(Heartbeat::new));
    g.put(Hello.class,
        Combinators.combine(nodeIds(), Arbitraries.integers().between(1, 100), Arbitraries.longs().greaterOrEqual(0)).as(Hello::new));
    g.put(Failure.class, details().map(Failure::new));
    Arbitrary<List<Integer>> ints = Arbitraries.integers().between(0, 1 << 20).list().ofMaxSize(20);
    g.put(MerkleNodesRequest.class, Combinators.combine(Arbitraries.integers().between(0, 65535), Arbitraries.of(1, 1024), ints).as(MerkleNodesRequest::new));
    g.put(MerkleNodesReply.class, Arbitraries.longs().list().ofMaxSize(20).map(MerkleNodesReply::new));
    g.put(LeafKeysRequest.class, Combinators.combine(Arbitraries.integers().between(0, 65535), Arbitraries.of(1, 1024), ints).as(LeafKeysRequest::new));
    g.put(ReapRequest.class, Combinators.combine(Arbitraries.integers().between(0, 65535), keys(), vectors()).as(ReapRequest::new));
    g.put(ReapReply.class, Arbitraries.of(true, false).map(ReapReply::new));
    g.put(ReapCheck.class, Combinators.combine(Arbitraries.integers().between(0, 65535), keys(), vectors()).as(ReapCheck::new));
    g.put(ReapCheckReply.class, Arbitraries.of(true, false).map(ReapCheckReply::new));
    g.put(HintQuery.class, Combinators.combine(Arbitraries.integers().between(0, 65535), keys()).as(HintQuery::new));
    g.put(HintQueryReply.class, Arbitraries.of(true, false).map(HintQueryReply::new));
    g.put(ClientHello.class, Combinators.combine(Arbitraries.integers().between(1, 100), details()).as(ClientHello::new));
    g.put(ClientError.class, Combinators.combine(Arbitraries.of(ClientError.Kind.class), details()).as(ClientError::new));
    Arbitrary<String> contexts = Arbitraries.strings().withCharRange('A', 'Z').withChars('-', '_').ofMaxLength(300);
    g.put(ClientGet.class,
        Combinators.combine(keys(), small(), small(), Arbitraries.longs().between(0, 100_000)).as(ClientGet::new));
    g.put(ClientPut.class,
        Combinators.combine(keys(), contexts, siblings(), small(), small(), Arbitraries.longs().between(0, 100_000))
            .as(ClientPut::new));
    g.put(ClientReply.class,
        Combinators.combine(requestIds(), Arbitraries.of(QuorumOutcome.class), contexts, siblings().list().ofMaxSize(4),
            details()).as(ClientReply::new));
    g.put(LeafKeysReply.class, Combinators.combine(keys(), Arbitraries.longs()).as(LeafKeysReply.KeyItem::new).list().ofMaxSize(10).map(LeafKeysReply::new));
    return g;
  }

  @SuppressWarnings("unchecked")
  static Arbitrary<Object> anyRegistered() {
    List<Arbitrary<Object>> all = new ArrayList<>();
    for (Arbitrary<?> a : byType().values()) {
      all.add((Arbitrary<Object>) a);
    }
    return Arbitraries.oneOf(all);
  }

  static Arbitrary<WireMessage> messages() {
    return anyRegistered().filter(o -> o instanceof WireMessage).map(o -> (WireMessage) o);
  }

  static Optional<Arbitrary<?>> forType(Class<?> type) {
    return Optional.ofNullable(byType().get(type));
  }
}
