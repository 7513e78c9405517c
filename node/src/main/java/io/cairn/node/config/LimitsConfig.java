package io.cairn.node.config;

/**
 * What a client may send ({@code limits.*}). These bound one client value; the stored object,
 * which holds every sibling, is bounded separately by {@link StorageSettings#maxObjectBytes()}.
 */
public record LimitsConfig(int maxKeyBytes, int maxValueBytes) {}
