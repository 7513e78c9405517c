package io.cairn.storage;

/** Size figures for one partition: live entries and the bytes of their keys and values. */
public record PartitionStats(int partition, long entries, long bytes) {}
