package io.cairn.node.config;

import java.util.Objects;

/** Where the internode transport listens ({@code internode.*}). */
public record InternodeConfig(String host, int port) {
  public InternodeConfig {
    Objects.requireNonNull(host, "host");
  }
}
