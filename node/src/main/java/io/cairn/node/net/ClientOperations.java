package io.cairn.node.net;

import io.cairn.protocol.wire.CoordinateGet;
import io.cairn.protocol.wire.CoordinatePut;
import io.cairn.protocol.wire.WireMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What the binary client port may ask of a node: a coordinated get or put, nothing else. Typed per
 * operation (rather than one handler taking any {@link WireMessage}) so that a client cannot reach
 * replica, hint or anti-entropy handling by sending their messages. Called on an event loop: must
 * not block. The reply is a {@code CoordinateGetReply} / {@code CoordinatePutReply}, or a
 * {@code ClientError} when the request was not coordinated.
 */
public interface ClientOperations {

  CompletableFuture<WireMessage> get(CoordinateGet request);

  CompletableFuture<WireMessage> put(CoordinatePut request);
}
