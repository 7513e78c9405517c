package io.cairn.node.assembly;

import io.cairn.protocol.object.BucketProps;
import java.time.Duration;

/**
 * The tunables of a node's core, from configuration (a node) or drawn from a seed (the simulator).
 *
 * @param requestTimeout default deadline of a coordinated request, and of internode requests
 * @param readRepairLinger how long a get keeps listening for late replies, to repair them
 * @param maxKeyBytes largest key accepted from a client
 * @param maxValueBytes largest value accepted from a client
 * @param maxClientRequests client requests in flight (both doors together) before more are refused
 * @param heartbeat interval between failure-detector heartbeats
 * @param phiThreshold suspicion above which a peer counts as down
 * @param phiWindow heartbeat intervals remembered per peer
 * @param phiMinStdDevMs floor on the deviation of heartbeat intervals
 * @param phiMaxIntervalMs a silence longer than this is a failure, never learned as a normal gap
 * @param hintDelivery interval between hinted-handoff rounds; zero turns delivery off
 * @param leafCount leaves of each partition's Merkle tree
 * @param antiEntropyInterval interval between anti-entropy exchanges
 * @param maxKeysPerExchange keys one exchange repairs at most
 * @param maxBytesPerExchange object bytes one exchange sends at most
 * @param reapInterval interval between tombstone-reaping and tree-verification rounds
 * @param tombstoneGrace how long a tombstone stays after every primary holds it
 */
public record NodeOptions(
  BucketProps bucketDefaults,
  Duration requestTimeout,
  Duration readRepairLinger,
  int maxKeyBytes,
  int maxValueBytes,
  int maxClientRequests,
  Duration heartbeat,
  double phiThreshold,
  int phiWindow,
  double phiMinStdDevMs,
  long phiMaxIntervalMs,
  Duration hintDelivery,
  int leafCount,
  Duration antiEntropyInterval,
  int maxKeysPerExchange,
  long maxBytesPerExchange,
  Duration reapInterval,
  Duration tombstoneGrace) {}
