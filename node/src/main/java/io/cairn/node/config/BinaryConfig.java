package io.cairn.node.config;

import java.util.Objects;

/**
 * The binary client port ({@code binary.*}): the Java client's protocol, the internode framing
 * serving only client operations (docs/wire.md, "Client port").
 *
 * @param host bind address
 * @param port bind port
 * @param maxPendingRequests requests one client connection may have in progress; more are answered
 *     "overloaded" at once, so a client that pipelines without limit costs bounded memory
 */
public record BinaryConfig(String host, int port, int maxPendingRequests) {
  public BinaryConfig {
    Objects.requireNonNull(host, "host");
  }
}
