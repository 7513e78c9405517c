package io.cairn.protocol.wire;

/** Whether the receiver holds the tombstone, durably (false: it holds something else, or none). */
public record ReapCheckReply(boolean held) implements WireMessage {}
