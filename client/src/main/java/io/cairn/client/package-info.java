/** A Java client for Cairn's HTTP API. */
package io.cairn.client;
