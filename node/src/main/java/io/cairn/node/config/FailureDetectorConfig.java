package io.cairn.node.config;

/**
 * The phi-accrual failure detector ({@code failure-detector.*}).
 *
 * @param heartbeatIntervalMs how often this node sends heartbeats
 * @param phiThreshold suspicion level above which a peer is treated as down; 8 means roughly a
 *     one-in-10^8 chance that a live peer is wrongly suspected under the observed jitter
 * @param windowSize how many inter-arrival times are kept per peer
 * @param minStdDevMs floor on the deviation, so a peer with perfectly regular heartbeats is not
 *     suspected the moment one is slightly late
 * @param maxIntervalMs the longest silence learned as a heartbeat gap; a longer one (a partition,
 *     a dead peer) restarts the peer's history instead, so it cannot blunt the next detection
 */
public record FailureDetectorConfig(
  int heartbeatIntervalMs, double phiThreshold, int windowSize, int minStdDevMs, int maxIntervalMs) {}
