package io.cairn.node.config;

/**
 * The internode transport ({@code transport.*}).
 *
 * @param maxPendingRequestsPerPeer requests awaiting a reply from one peer; more fail fast, so a
 *     slow peer costs bounded memory instead of an unbounded queue
 */
public record TransportConfig(int maxPendingRequestsPerPeer) {}
