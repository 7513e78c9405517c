/**
 * The node's persisted causality actor, {@code (node id, epoch)}, and the rules that keep a node
 * that lost its data from reusing an actor its peers have seen (Riak's "KV679"): the dot lease, and
 * the storage stamp that tells a replaced or restored storage directory. See
 * docs/hints-and-identity.md.
 */
package io.cairn.storage.identity;
