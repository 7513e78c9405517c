package io.cairn.node.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One documented setting: its dotted key as written in YAML, its default and what it means.
 *
 * @param key dotted kebab-case path, e.g. {@code http.max-concurrent-requests}
 * @param defaultValue the default as it would be written in YAML; empty when the default is derived
 *     from other settings (see {@link #defaultText()})
 * @param defaultText the default as documented, e.g. {@code data/<node.id>}
 * @param description one line: what the setting controls
 * @param fromEnvironment whether {@link #envName()} may set it; lists (cluster.members) cannot be
 *     expressed as one environment variable
 */
public record Setting(
    String key,
    Optional<String> defaultValue,
    String defaultText,
    String description,
    boolean fromEnvironment) {

  /** Prefix of every environment variable the loader reads. */
  public static final String ENV_PREFIX = "CAIRN_";

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(description, "description");
  }

  /** {@code CAIRN_} followed by the key in UPPER_SNAKE case: {@code CAIRN_HTTP_PORT}. */
  public String envName() {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
