/**
 * Anti-entropy's pure half: TicTac Merkle trees (XOR-aggregated, updated in O(depth) per write),
 * the key hashes that feed them, and the key-level diff of an exchange. The node keeps one tree per
 * partition it holds and runs the exchanges; see docs/anti-entropy.md once that lands.
 */
package io.cairn.protocol.merkle;
