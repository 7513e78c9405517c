package io.cairn.node.config;

import io.cairn.protocol.object.ConflictMode;
import java.util.Objects;

/** Bucket properties used by buckets that have none of their own ({@code defaults.*}). */
public record DefaultsConfig(int n, int r, int w, ConflictMode conflictMode) {
  public DefaultsConfig {
    Objects.requireNonNull(conflictMode, "conflictMode");
  }
}
