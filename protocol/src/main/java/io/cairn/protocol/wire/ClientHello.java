package io.cairn.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The first frame a client sends on the client port: its wire version and a free-form name for the
 * node's logs (e.g. {@code cairn-java/0.1}). A separate type from {@link Hello} because a client has
 * no {@code NodeId} and must never be mistaken for a node: the client port accepts only this, and
 * the internode port never accepts it. The node answers with its own {@link Hello}, so the client
 * learns which node it reached and which version it speaks.
 */
public record ClientHello(int wireVersion, String agent) implements WireMessage {

  /** Longest agent name, in UTF-8 bytes. */
  public static final int MAX_AGENT_BYTES = 255;

  public ClientHello {
    Objects.requireNonNull(agent, "agent");
    if (wireVersion < 1) {
      throw new IllegalArgumentException("wire version must be >= 1");
    }
    if (agent.getBytes(StandardCharsets.UTF_8).length > MAX_AGENT_BYTES) {
      throw new IllegalArgumentException("agent name longer than " + MAX_AGENT_BYTES + " bytes");
    }
  }
}
