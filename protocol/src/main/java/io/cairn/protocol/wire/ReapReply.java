package io.cairn.protocol.wire;

/** Whether the receiver removed the tombstone (false: it holds something else now). */
public record ReapReply(boolean reaped) implements WireMessage {}
