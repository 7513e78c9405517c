package io.cairn.protocol.wire;

import static io.cairn.protocol.wire.ValueFormats.CONFLICT_MODES;
import static io.cairn.protocol.wire.WireIo.readEnum;
import static io.cairn.protocol.wire.WireIo.readNonNegativeInt;
import static io.cairn.protocol.wire.WireIo.readNonNegativeLong;
import static io.cairn.protocol.wire.WireIo.readString;
import static io.cairn.protocol.wire.WireIo.writeEnum;
import static io.cairn.protocol.wire.WireIo.writeString;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import java.util.ArrayList;
import java.util.List;

/** The binary layout of each {@link WireMessage}, field by field (see {@link ValueFormats}). */
final class MessageFormats {

  static final ReplicaStatus[] REPLICA_STATUSES = {
    ReplicaStatus.OK, ReplicaStatus.REJECTED, ReplicaStatus.OVERLOADED
  };
  static final QuorumOutcome[] QUORUM_OUTCOMES = {
    QuorumOutcome.OK, QuorumOutcome.FAILED, QuorumOutcome.INDETERMINATE, QuorumOutcome.NOT_FOUND
  };

  static final ClientError.Kind[] CLIENT_ERROR_KINDS = {
    ClientError.Kind.INVALID,
    ClientError.Kind.TOO_LARGE,
    ClientError.Kind.OVERLOADED,
    ClientError.Kind.UNSUPPORTED,
    ClientError.Kind.INTERNAL,
    ClientError.Kind.CONFLICT,
    ClientError.Kind.PRECONDITION_REQUIRED,
    ClientError.Kind.INSUFFICIENT_STORAGE
  };

  private static final int MAX_DETAIL_BYTES = 4096;

  private MessageFormats() {}

  static void writeRequestId(Output out, RequestId id) {
    out.writeLong(id.high());
    out.writeLong(id.low());
  }

  static RequestId readRequestId(Input in) {
    WireIo.requireRemaining(in, 16, "request id");
    return new RequestId(in.readLong(), in.readLong());
  }

  static void writeReplicaPut(Output out, ReplicaPut m) {
    out.writeVarInt(m.partition(), true);
    ValueFormats.writeBucketKey(out, m.key());
    ValueFormats.writeStoredObject(out, m.object());
    writeEnum(out, m.conflictMode(), CONFLICT_MODES);
    ValueFormats.writeOptionalNodeId(out, m.hintFor());
  }

  static ReplicaPut readReplicaPut(Input in) {
    return new ReplicaPut(
        readNonNegativeInt(in, "partition"),
        ValueFormats.readBucketKey(in),
        ValueFormats.readStoredObject(in),
        readEnum(in, CONFLICT_MODES, "conflict mode"),
        ValueFormats.readOptionalNodeId(in));
  }

  static void writeReplicaPutReply(Output out, ReplicaPutReply m) {
    writeEnum(out, m.status(), REPLICA_STATUSES);
    writeString(out, m.detail());
  }

  static ReplicaPutReply readReplicaPutReply(Input in) {
    return new ReplicaPutReply(
        readEnum(in, REPLICA_STATUSES, "replica status"), readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  static void writeReplicaGet(Output out, ReplicaGet m) {
    out.writeVarInt(m.partition(), true);
    ValueFormats.writeBucketKey(out, m.key());
  }

  static ReplicaGet readReplicaGet(Input in) {
    return new ReplicaGet(readNonNegativeInt(in, "partition"), ValueFormats.readBucketKey(in));
  }

  static void writeReplicaGetReply(Output out, ReplicaGetReply m) {
    writeEnum(out, m.status(), REPLICA_STATUSES);
    ValueFormats.writeStoredObject(out, m.object());
    writeString(out, m.detail());
  }

  static ReplicaGetReply readReplicaGetReply(Input in) {
    return new ReplicaGetReply(
        readEnum(in, REPLICA_STATUSES, "replica status"),
        ValueFormats.readStoredObject(in),
        readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  static void writeCoordinatePut(Output out, CoordinatePut m) {
    writeRequestId(out, m.requestId());
    ValueFormats.writeBucketKey(out, m.key());
    ValueFormats.writeVersionVector(out, m.context());
    ValueFormats.writeSibling(out, m.value());
    out.writeVarInt(m.w(), true);
    out.writeVarInt(m.pw(), true);
    out.writeVarLong(m.timeoutMillis(), true);
  }

  static CoordinatePut readCoordinatePut(Input in) {
    return new CoordinatePut(
        readRequestId(in),
        ValueFormats.readBucketKey(in),
        ValueFormats.readVersionVector(in),
        ValueFormats.readSibling(in),
        readNonNegativeInt(in, "w"),
        readNonNegativeInt(in, "pw"),
        readNonNegativeLong(in, "timeout"));
  }

  static void writeCoordinatePutReply(Output out, CoordinatePutReply m) {
    writeRequestId(out, m.requestId());
    writeEnum(out, m.outcome(), QUORUM_OUTCOMES);
    ValueFormats.writeStoredObject(out, m.object());
    writeString(out, m.detail());
  }

  static CoordinatePutReply readCoordinatePutReply(Input in) {
    return new CoordinatePutReply(
        readRequestId(in),
        readEnum(in, QUORUM_OUTCOMES, "outcome"),
        ValueFormats.readStoredObject(in),
        readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  static void writeCoordinateGet(Output out, CoordinateGet m) {
    writeRequestId(out, m.requestId());
    ValueFormats.writeBucketKey(out, m.key());
    out.writeVarInt(m.r(), true);
    out.writeVarInt(m.pr(), true);
    out.writeVarLong(m.timeoutMillis(), true);
  }

  static CoordinateGet readCoordinateGet(Input in) {
    return new CoordinateGet(
        readRequestId(in),
        ValueFormats.readBucketKey(in),
        readNonNegativeInt(in, "r"),
        readNonNegativeInt(in, "pr"),
        readNonNegativeLong(in, "timeout"));
  }

  static void writeCoordinateGetReply(Output out, CoordinateGetReply m) {
    writeRequestId(out, m.requestId());
    writeEnum(out, m.outcome(), QUORUM_OUTCOMES);
    ValueFormats.writeStoredObject(out, m.object());
    writeString(out, m.detail());
  }

  static CoordinateGetReply readCoordinateGetReply(Input in) {
    return new CoordinateGetReply(
        readRequestId(in),
        readEnum(in, QUORUM_OUTCOMES, "outcome"),
        ValueFormats.readStoredObject(in),
        readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  static void writeHeartbeat(Output out, Heartbeat m) {
    ValueFormats.writeNodeId(out, m.from());
    out.writeVarLong(m.incarnation(), true);
    out.writeVarLong(m.sentAtMillis(), false);
  }

  static Heartbeat readHeartbeat(Input in) {
    return new Heartbeat(
        ValueFormats.readNodeId(in), readNonNegativeLong(in, "incarnation"), in.readVarLong(false));
  }

  static void writeHello(Output out, Hello m) {
    ValueFormats.writeNodeId(out, m.from());
    out.writeVarInt(m.wireVersion(), true);
    out.writeVarLong(m.incarnation(), true);
  }

  static Hello readHello(Input in) {
    return new Hello(
        ValueFormats.readNodeId(in),
        readNonNegativeInt(in, "wire version"),
        readNonNegativeLong(in, "incarnation"));
  }

  static void writeFailure(Output out, Failure m) {
    writeString(out, m.detail());
  }

  static Failure readFailure(Input in) {
    return new Failure(readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  private static final int MAX_LIST = 1 << 20;

  static void writeMerkleNodesRequest(Output out, MerkleNodesRequest m) {
    out.writeVarInt(m.partition(), true);
    out.writeVarInt(m.leafCount(), true);
    out.writeVarInt(m.indices().size(), true);
    for (int i : m.indices()) {
      out.writeVarInt(i, true);
    }
  }

  static MerkleNodesRequest readMerkleNodesRequest(Input in) {
    int partition = readNonNegativeInt(in, "partition");
    int leafCount = readNonNegativeInt(in, "leaf count");
    int n = WireIo.readCount(in, MAX_LIST, "indices");
    List<Integer> indices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      indices.add(readNonNegativeInt(in, "index"));
    }
    return new MerkleNodesRequest(partition, leafCount, indices);
  }

  static void writeMerkleNodesReply(Output out, MerkleNodesReply m) {
    out.writeVarInt(m.values().size(), true);
    for (long v : m.values()) {
      out.writeLong(v);
    }
  }

  static MerkleNodesReply readMerkleNodesReply(Input in) {
    int n = WireIo.readCount(in, MAX_LIST, "values");
    WireIo.requireRemaining(in, n * 8, "values");
    List<Long> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(in.readLong());
    }
    return new MerkleNodesReply(values);
  }

  static void writeLeafKeysRequest(Output out, LeafKeysRequest m) {
    out.writeVarInt(m.partition(), true);
    out.writeVarInt(m.leafCount(), true);
    out.writeVarInt(m.leaves().size(), true);
    for (int l : m.leaves()) {
      out.writeVarInt(l, true);
    }
  }

  static LeafKeysRequest readLeafKeysRequest(Input in) {
    int partition = readNonNegativeInt(in, "partition");
    int leafCount = readNonNegativeInt(in, "leaf count");
    int n = WireIo.readCount(in, MAX_LIST, "leaves");
    List<Integer> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leaves.add(readNonNegativeInt(in, "leaf"));
    }
    return new LeafKeysRequest(partition, leafCount, leaves);
  }

  static void writeLeafKeysReply(Output out, LeafKeysReply m) {
    out.writeVarInt(m.items().size(), true);
    for (LeafKeysReply.KeyItem item : m.items()) {
      ValueFormats.writeBucketKey(out, item.key());
      out.writeLong(item.item());
    }
  }

  static LeafKeysReply readLeafKeysReply(Input in) {
    int n = WireIo.readCount(in, MAX_LIST, "items");
    List<LeafKeysReply.KeyItem> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BucketKey key = ValueFormats.readBucketKey(in);
      WireIo.requireRemaining(in, 8, "item hash");
      items.add(new LeafKeysReply.KeyItem(key, in.readLong()));
    }
    return new LeafKeysReply(items);
  }

  static void writeReapRequest(Output out, ReapRequest m) {
    out.writeVarInt(m.partition(), true);
    ValueFormats.writeBucketKey(out, m.key());
    ValueFormats.writeVersionVector(out, m.tombstoneClock());
  }

  static ReapRequest readReapRequest(Input in) {
    return new ReapRequest(readNonNegativeInt(in, "partition"), ValueFormats.readBucketKey(in), ValueFormats.readVersionVector(in));
  }

  static void writeReapReply(Output out, ReapReply m) {
    out.writeBoolean(m.reaped());
  }

  static ReapReply readReapReply(Input in) {
    return new ReapReply(readFlag(in, "ReapReply"));
  }

  static void writeHintQuery(Output out, HintQuery m) {
    out.writeVarInt(m.partition(), true);
    ValueFormats.writeBucketKey(out, m.key());
  }

  static HintQuery readHintQuery(Input in) {
    return new HintQuery(readNonNegativeInt(in, "partition"), ValueFormats.readBucketKey(in));
  }

  static void writeHintQueryReply(Output out, HintQueryReply m) {
    out.writeBoolean(m.held());
  }

  static HintQueryReply readHintQueryReply(Input in) {
    return new HintQueryReply(readFlag(in, "HintQueryReply"));
  }

  static void writeReapCheck(Output out, ReapCheck m) {
    out.writeVarInt(m.partition(), true);
    ValueFormats.writeBucketKey(out, m.key());
    ValueFormats.writeVersionVector(out, m.tombstoneClock());
  }

  static ReapCheck readReapCheck(Input in) {
    return new ReapCheck(readNonNegativeInt(in, "partition"), ValueFormats.readBucketKey(in), ValueFormats.readVersionVector(in));
  }

  static void writeReapCheckReply(Output out, ReapCheckReply m) {
    out.writeBoolean(m.held());
  }

  static ReapCheckReply readReapCheckReply(Input in) {
    return new ReapCheckReply(readFlag(in, "ReapCheckReply"));
  }

  /** A boolean written as one byte; anything but 0 or 1 is a malformed message, not "true". */
  private static boolean readFlag(Input in, String type) {
    byte b = in.readByte();
    if (b != 0 && b != 1) {
      throw new WireFormatException("bad boolean " + b + " in " + type);
    }
    return b == 1;
  }

  static void writeClientHello(Output out, ClientHello m) {
    out.writeVarInt(m.wireVersion(), true);
    writeString(out, m.agent());
  }

  static ClientHello readClientHello(Input in) {
    return new ClientHello(
        readNonNegativeInt(in, "wire version"), readString(in, ClientHello.MAX_AGENT_BYTES, "agent"));
  }

  static void writeClientError(Output out, ClientError m) {
    writeEnum(out, m.kind(), CLIENT_ERROR_KINDS);
    writeString(out, m.detail());
  }

  static ClientError readClientError(Input in) {
    return new ClientError(
        readEnum(in, CLIENT_ERROR_KINDS, "client error kind"), readString(in, MAX_DETAIL_BYTES, "detail"));
  }

  static void writeClientGet(Output out, ClientGet m) {
    ValueFormats.writeBucketKey(out, m.key());
    out.writeVarInt(m.r(), true);
    out.writeVarInt(m.pr(), true);
    out.writeVarLong(m.timeoutMillis(), true);
  }

  static ClientGet readClientGet(Input in) {
    return new ClientGet(
        ValueFormats.readBucketKey(in),
        readNonNegativeInt(in, "r"),
        readNonNegativeInt(in, "pr"),
        readNonNegativeLong(in, "timeout"));
  }

  static void writeClientPut(Output out, ClientPut m) {
    ValueFormats.writeBucketKey(out, m.key());
    writeString(out, m.context());
    ValueFormats.writeSibling(out, m.value());
    out.writeVarInt(m.w(), true);
    out.writeVarInt(m.pw(), true);
    out.writeVarLong(m.timeoutMillis(), true);
  }

  static ClientPut readClientPut(Input in) {
    return new ClientPut(
        ValueFormats.readBucketKey(in),
        readString(in, ClientPut.MAX_CONTEXT_BYTES, "context"),
        ValueFormats.readSibling(in),
        readNonNegativeInt(in, "w"),
        readNonNegativeInt(in, "pw"),
        readNonNegativeLong(in, "timeout"));
  }

  static void writeClientReply(Output out, ClientReply m) {
    writeRequestId(out, m.requestId());
    writeEnum(out, m.outcome(), QUORUM_OUTCOMES);
    writeString(out, m.context());
    out.writeVarInt(m.siblings().size(), true);
    for (Sibling s : m.siblings()) {
      ValueFormats.writeSibling(out, s);
    }
    writeString(out, m.detail());
  }

  static ClientReply readClientReply(Input in) {
    RequestId id = readRequestId(in);
    QuorumOutcome outcome = readEnum(in, QUORUM_OUTCOMES, "outcome");
    String context = readString(in, ClientPut.MAX_CONTEXT_BYTES, "context");
    int n = WireIo.readCount(in, MAX_LIST, "siblings");
    List<Sibling> siblings = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      siblings.add(ValueFormats.readSibling(in));
    }
    return new ClientReply(id, outcome, context, siblings, readString(in, MAX_DETAIL_BYTES, "detail"));
  }
}
