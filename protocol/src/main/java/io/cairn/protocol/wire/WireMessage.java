package io.cairn.protocol.wire;

/**
 * A message exchanged between nodes, or between a client and a node, over the binary protocol.
 * Sealed so that a dispatcher's {@code switch} over messages is checked for completeness.
 */
public sealed interface WireMessage
  permits ReplicaPut,
    ReplicaPutReply,
    ReplicaGet,
    ReplicaGetReply,
    CoordinatePut,
    CoordinatePutReply,
    CoordinateGet,
    CoordinateGetReply,
    Heartbeat,
    Hello,
    Failure,
    MerkleNodesRequest,
    MerkleNodesReply,
    LeafKeysRequest,
    LeafKeysReply,
    ReapRequest,
    ReapReply,
    HintQuery,
    HintQueryReply,
    ClientHello,
    ClientError,
    ClientGet,
    ClientPut,
    ClientReply,
    ReapCheck,
    ReapCheckReply {}
