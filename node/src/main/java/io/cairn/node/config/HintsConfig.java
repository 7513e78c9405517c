package io.cairn.node.config;

/**
 * Hinted handoff ({@code hints.*}).
 *
 * @param maxBytes bound on pending hint data; beyond it, writes for a down replica are not hinted
 *     (read repair and anti-entropy catch up instead) rather than filling the disk
 * @param expectedHints how many hints the file is sized for up front
 * @param averageObjectBytes expected size of a hinted object, for sizing
 * @param deliveryIntervalMs how often pending hints are offered to their targets
 */
public record HintsConfig(
  long maxBytes, long expectedHints, int averageObjectBytes, int deliveryIntervalMs) {}
