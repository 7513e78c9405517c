package io.cairn.node.config;

import io.cairn.storage.Durability;
import java.util.Objects;

/**
 * Storage engine sizing and durability ({@code storage.*}).
 *
 * @param maxObjectBytes largest stored object, i.e. the whole sibling set of a key. It is larger
 *     than the client value limit because concurrent writes accumulate siblings; the default of
 *     four client values leaves room for a few before puts are refused
 * @param minFreeBytes space kept free on the storage volume: writes that would eat into it are
 *     refused with 507 Insufficient Storage before the volume fills up under the mapped files
 */
public record StorageSettings(
    Durability durability,
    long initialEntriesPerPartition,
    int averageKeyBytes,
    int averageValueBytes,
    int maxObjectBytes,
    long minFreeBytes) {
  public StorageSettings {
    Objects.requireNonNull(durability, "durability");
  }
}
