package io.cairn.node.net;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireMessage;
import java.util.concurrent.CompletableFuture;

/** Handles one request from another node; the completed value is the reply. */
@FunctionalInterface
public interface RequestHandler {

  CompletableFuture<WireMessage> handle(NodeId from, WireMessage request);
}
