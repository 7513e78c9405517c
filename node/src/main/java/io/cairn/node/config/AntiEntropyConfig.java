package io.cairn.node.config;

/**
 * Anti-entropy ({@code anti-entropy.*}).
 *
 * @param intervalMs how often one partition is exchanged with one fellow replica
 * @param maxKeysPerExchange keys repaired at most per exchange (with the interval, the rate limit)
 * @param leafCount leaves of each partition's Merkle tree (a power of two; every node must agree)
 * @param tombstoneGraceMs a tombstone is reaped no sooner than this after the delete
 * @param reapIntervalMs how often a node looks for tombstones to reap in the partitions it leads
 * @param maxBytesPerExchange object bytes sent at most per exchange (with the interval, a bytes/s limit)
 */
public record AntiEntropyConfig(int intervalMs, int maxKeysPerExchange, int leafCount, long tombstoneGraceMs, int reapIntervalMs,
  long maxBytesPerExchange) {}
