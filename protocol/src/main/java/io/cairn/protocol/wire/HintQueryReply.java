package io.cairn.protocol.wire;

/** Whether the receiver holds a hint of the key, for any target. */
public record HintQueryReply(boolean held) implements WireMessage {}
