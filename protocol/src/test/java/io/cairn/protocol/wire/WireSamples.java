package io.cairn.protocol.wire;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One fixed, deterministic instance of every registered type: the inputs of the golden bytes. */
final class WireSamples {

  private WireSamples() {}

  static Map<Class<?>, Object> all() {
    Actor n1 = Actor.of("n1", 1);
    Actor n2 = Actor.of("n2", 3);
    VersionVector clock = VersionVector.of(Map.of(n1, 4L, n2, 2L));
    Sibling text = Sibling.of("hello".getBytes(StandardCharsets.UTF_8), "text/plain", 1_700_000_000_123L);
    StoredObject object =
        StoredObject.empty()
            .write(n1, VersionVector.empty(), text, ConflictMode.SIBLINGS)
            .write(n2, VersionVector.empty(), Sibling.tombstone(1_700_000_000_456L), ConflictMode.SIBLINGS);
    BucketKey key = BucketKey.of("users", "ålice");
    // Built explicitly (not by Claim) so that a change of the claim algorithm is not a format change.
    List<NodeId> owners =
        List.of("n1", "n2", "n3", "n2", "n1", "n2", "n3", "n2").stream().map(NodeId::of).toList();
    Ring ring =
        new Ring(4, 8, List.of(Member.of("n1"), Member.of("n2", 2), Member.of("n3", 1, "rack-b")), owners);
    RequestId rid = new RequestId(0x0123456789abcdefL, 0xfedcba9876543210L);

    Map<Class<?>, Object> samples = new LinkedHashMap<>();
    samples.put(NodeId.class, NodeId.of("n1"));
    samples.put(Actor.class, n2);
    samples.put(VersionVector.class, clock);
    samples.put(Sibling.class, text);
    samples.put(StoredObject.class, object);
    samples.put(BucketKey.class, key);
    samples.put(BucketProps.class, new BucketProps(3, 2, 1, ConflictMode.LWW));
    samples.put(Member.class, Member.of("n3", 2, "eu-1a"));
    samples.put(Ring.class, ring);
    samples.put(RequestId.class, rid);
    samples.put(
        ReplicaPut.class,
        new ReplicaPut(5, key, object, ConflictMode.SIBLINGS, Optional.of(NodeId.of("n3"))));
    samples.put(ReplicaPutReply.class, new ReplicaPutReply(ReplicaStatus.REJECTED, "too large"));
    samples.put(ReplicaGet.class, new ReplicaGet(5, key));
    samples.put(ReplicaGetReply.class, ReplicaGetReply.ok(object));
    samples.put(CoordinatePut.class, new CoordinatePut(rid, key, clock, text, 2, 1, 5000));
    samples.put(
        CoordinatePutReply.class,
        new CoordinatePutReply(rid, QuorumOutcome.INDETERMINATE, object, "1 of 2 acks"));
    samples.put(CoordinateGet.class, new CoordinateGet(rid, key, 2, 0, 0));
    samples.put(
        CoordinateGetReply.class, new CoordinateGetReply(rid, QuorumOutcome.NOT_FOUND, StoredObject.empty(), ""));
    samples.put(Heartbeat.class, new Heartbeat(NodeId.of("n2"), 7, 1_700_000_000_789L));
    samples.put(Hello.class, new Hello(NodeId.of("n3"), 1, 42));
    samples.put(Failure.class, new Failure("no handler for Heartbeat"));
    samples.put(MerkleNodesRequest.class, new MerkleNodesRequest(5, 1024, List.of(1, 2, 3)));
    samples.put(MerkleNodesReply.class, new MerkleNodesReply(List.of(0L, -1L, 0x0123456789abcdefL)));
    samples.put(LeafKeysRequest.class, new LeafKeysRequest(5, 1024, List.of(7, 900)));
    samples.put(LeafKeysReply.class, new LeafKeysReply(List.of(new LeafKeysReply.KeyItem(key, 42L))));
    samples.put(ReapRequest.class, new ReapRequest(5, key, clock));
    samples.put(ReapReply.class, new ReapReply(true));
    samples.put(ReapCheck.class, new ReapCheck(5, key, clock));
    samples.put(ReapCheckReply.class, new ReapCheckReply(true));
    samples.put(HintQuery.class, new HintQuery(5, key));
    samples.put(HintQueryReply.class, new HintQueryReply(true));
    samples.put(ClientHello.class, new ClientHello(1, "cairn-java/0.1"));
    samples.put(ClientError.class, new ClientError(ClientError.Kind.TOO_LARGE, "value of 2048 bytes exceeds 1024"));
    samples.put(ClientGet.class, new ClientGet(key, 2, 1, 5000));
    samples.put(ClientPut.class, new ClientPut(key, "AgAAAAAAAAAAAAo", text, 2, 0, 0));
    samples.put(ClientReply.class,
        new ClientReply(rid, QuorumOutcome.OK, "AgAAAAAAAAAAAAo", List.of(text, text), ""));
    return samples;
  }
}
