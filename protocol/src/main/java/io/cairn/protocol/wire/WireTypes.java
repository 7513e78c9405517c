package io.cairn.protocol.wire;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import java.util.List;

/**
 * The registration table: every type that crosses the wire or is stored, with an id that never
 * changes once released. Rules: ids are never reused or renumbered; a new type takes a new id; a
 * changed format needs a {@link WireCodec#VERSION} bump (the golden-bytes test enforces it).
 * Ids below 100 are left to Kryo's built-in types.
 */
final class WireTypes {

  static final List<WireType<?>> ALL =
      List.of(
          // values (100..199)
          new WireType<>(100, NodeId.class, ValueFormats::writeNodeId, ValueFormats::readNodeId),
          new WireType<>(101, Actor.class, ValueFormats::writeActor, ValueFormats::readActor),
          new WireType<>(
              102,
              VersionVector.class,
              ValueFormats::writeVersionVector,
              ValueFormats::readVersionVector),
          new WireType<>(103, Sibling.class, ValueFormats::writeSibling, ValueFormats::readSibling),
          new WireType<>(
              104,
              StoredObject.class,
              ValueFormats::writeStoredObject,
              ValueFormats::readStoredObject),
          new WireType<>(
              105, BucketKey.class, ValueFormats::writeBucketKey, ValueFormats::readBucketKey),
          new WireType<>(
              106, BucketProps.class, ValueFormats::writeBucketProps, ValueFormats::readBucketProps),
          new WireType<>(107, Member.class, ValueFormats::writeMember, ValueFormats::readMember),
          new WireType<>(108, Ring.class, ValueFormats::writeRing, ValueFormats::readRing),
          new WireType<>(
              109, RequestId.class, MessageFormats::writeRequestId, MessageFormats::readRequestId),
          // messages (200..)
          new WireType<>(
              200, ReplicaPut.class, MessageFormats::writeReplicaPut, MessageFormats::readReplicaPut),
          new WireType<>(
              201,
              ReplicaPutReply.class,
              MessageFormats::writeReplicaPutReply,
              MessageFormats::readReplicaPutReply),
          new WireType<>(
              202, ReplicaGet.class, MessageFormats::writeReplicaGet, MessageFormats::readReplicaGet),
          new WireType<>(
              203,
              ReplicaGetReply.class,
              MessageFormats::writeReplicaGetReply,
              MessageFormats::readReplicaGetReply),
          new WireType<>(
              204,
              CoordinatePut.class,
              MessageFormats::writeCoordinatePut,
              MessageFormats::readCoordinatePut),
          new WireType<>(
              205,
              CoordinatePutReply.class,
              MessageFormats::writeCoordinatePutReply,
              MessageFormats::readCoordinatePutReply),
          new WireType<>(
              206,
              CoordinateGet.class,
              MessageFormats::writeCoordinateGet,
              MessageFormats::readCoordinateGet),
          new WireType<>(
              207,
              CoordinateGetReply.class,
              MessageFormats::writeCoordinateGetReply,
              MessageFormats::readCoordinateGetReply),
          new WireType<>(
              210, Heartbeat.class, MessageFormats::writeHeartbeat, MessageFormats::readHeartbeat),
          new WireType<>(211, Hello.class, MessageFormats::writeHello, MessageFormats::readHello),
          new WireType<>(212, Failure.class, MessageFormats::writeFailure, MessageFormats::readFailure),
          new WireType<>(
              213,
              MerkleNodesRequest.class,
              MessageFormats::writeMerkleNodesRequest,
              MessageFormats::readMerkleNodesRequest),
          new WireType<>(
              214,
              MerkleNodesReply.class,
              MessageFormats::writeMerkleNodesReply,
              MessageFormats::readMerkleNodesReply),
          new WireType<>(
              215,
              LeafKeysRequest.class,
              MessageFormats::writeLeafKeysRequest,
              MessageFormats::readLeafKeysRequest),
          new WireType<>(
              216,
              LeafKeysReply.class,
              MessageFormats::writeLeafKeysReply,
              MessageFormats::readLeafKeysReply),
          new WireType<>(
              217, ReapRequest.class, MessageFormats::writeReapRequest, MessageFormats::readReapRequest),
          new WireType<>(218, ReapReply.class, MessageFormats::writeReapReply, MessageFormats::readReapReply),
          new WireType<>(219, HintQuery.class, MessageFormats::writeHintQuery, MessageFormats::readHintQuery),
          new WireType<>(
              220, HintQueryReply.class, MessageFormats::writeHintQueryReply, MessageFormats::readHintQueryReply),
          // the client port (docs/wire.md)
          new WireType<>(
              221, ClientHello.class, MessageFormats::writeClientHello, MessageFormats::readClientHello),
          new WireType<>(
              222, ClientError.class, MessageFormats::writeClientError, MessageFormats::readClientError),
          new WireType<>(223, ClientGet.class, MessageFormats::writeClientGet, MessageFormats::readClientGet),
          new WireType<>(224, ClientPut.class, MessageFormats::writeClientPut, MessageFormats::readClientPut),
          new WireType<>(
              225, ClientReply.class, MessageFormats::writeClientReply, MessageFormats::readClientReply),
          // internode again (ids are never reused, so new messages take the next free ones)
          new WireType<>(226, ReapCheck.class, MessageFormats::writeReapCheck, MessageFormats::readReapCheck),
          new WireType<>(
              227, ReapCheckReply.class, MessageFormats::writeReapCheckReply, MessageFormats::readReapCheckReply));

  private WireTypes() {}
}
