package io.cairn.node.config;

/**
 * Read repair ({@code read-repair.*}).
 *
 * @param lingerMs how long a get keeps listening, after answering the client at quorum, for the
 *     replies of slower replicas, so that those replicas are repaired too
 */
public record ReadRepairConfig(int lingerMs) {}
