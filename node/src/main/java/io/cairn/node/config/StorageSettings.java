package io.cairn.node.config;

import io.cairn.storage.Durability;
import java.util.Objects;

/**
 * Storage engine sizing and durability ({@code storage.*}).
 *
 * @param maxObjectBytes largest stored object, i.e. the whole sibling set of a key. It is larger
 *     than the client value limit because concurrent writes accumulate siblings; the default of
 *     four client values leaves room for a few before puts are refused
 */
public record StorageSettings(
    Durability durability,
    long initialEntriesPerPartition,
    int averageKeyBytes,
    int averageValueBytes,
    int maxObjectBytes) {
  public StorageSettings {
    Objects.requireNonNull(durability, "durability");
  }
}
