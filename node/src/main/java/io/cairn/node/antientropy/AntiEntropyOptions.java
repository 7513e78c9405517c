package io.cairn.node.antientropy;

import java.time.Duration;

/**
 * Limits of one exchange: together with the round interval they are anti-entropy's rate limit.
 *
 * @param timeout per request to the peer
 * @param maxKeysPerExchange keys repaired at most per exchange
 * @param maxBytesPerExchange object bytes sent at most per exchange
 */
public record AntiEntropyOptions(Duration timeout, int maxKeysPerExchange, long maxBytesPerExchange) {}
