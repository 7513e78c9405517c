package io.cairn.node.config;

/**
 * Deadlines ({@code timeouts.*}), in milliseconds.
 *
 * @param requestMs how long a coordinator waits for its quorum before answering 503
 * @param connectMs how long to wait for a TCP connection to a peer; kept short so a dead peer is
 *     noticed well inside a request deadline
 */
public record TimeoutsConfig(int requestMs, int connectMs) {}
