/** Java clients for Cairn: {@link io.cairn.client.CairnClient} over HTTP, {@link io.cairn.client.CairnBinaryClient} over the binary client protocol, both behind {@link io.cairn.client.KeyValueClient}. */
package io.cairn.client;
