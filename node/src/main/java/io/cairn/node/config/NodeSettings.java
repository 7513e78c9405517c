package io.cairn.node.config;

import io.cairn.protocol.ring.NodeId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who this node is and where it keeps its data ({@code node.*}).
 *
 * @param id {@code node.id}
 * @param dataDir {@code node.data-dir}; by default {@code data/<node.id>}, so several nodes started
 *     from one working directory (a loopback cluster) never share files
 */
public record NodeSettings(NodeId id, Path dataDir) {
  public NodeSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataDir, "dataDir");
  }
}
