package io.cairn.node.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration.
 *
 * @param key the dotted setting it is about (e.g. {@code http.port}), or, when no setting can be
 *     named, where the problem came from (an environment variable, the file)
 * @param message what is wrong, phrased so an operator can fix it without reading code
 */
public record ConfigProblem(String key, String message) {

  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}
