package io.cairn.node.net;

import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.WireMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What the binary client port may ask of a node: a coordinated get or put, nothing else. Typed per
 * operation (rather than one handler taking any {@link WireMessage}) so that a client cannot reach
 * replica, hint or anti-entropy handling by sending their messages. Called on an event loop: must
 * not block. The reply is a {@code ClientReply}, or a
 * {@code ClientError} when the request was not coordinated.
 */
public interface ClientOperations {

  CompletableFuture<WireMessage> get(ClientGet request);

  CompletableFuture<WireMessage> put(ClientPut request);
}
