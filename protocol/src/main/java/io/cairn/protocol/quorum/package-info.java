/**
 * The quorum logic of coordinated gets and puts as pure state machines (after riak_kv's get_core
 * and put_core): told which replicas answered, failed or timed out, they decide the outcome. The
 * node's coordinator drives them from its transport and timers; the simulator drives them from its
 * simulated network. No messaging, no clock in here.
 */
package io.cairn.protocol.quorum;
