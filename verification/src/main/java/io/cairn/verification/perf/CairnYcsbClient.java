package io.cairn.verification.perf;

import io.cairn.client.CairnBinaryClient;
import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.client.Fetched;
import io.cairn.client.KeyValueClient;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.client.Written;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * YCSB binding for Cairn over its binary client protocol ({@link CairnBinaryClient}, the default) or
 * its HTTP API ({@link CairnClient}). A record is one value, the
 * {@link RecordCodec} encoding of its field map, in the bucket named by YCSB's table.
 *
 * <ul>
 *   <li>{@code read}: a get; concurrent siblings are merged field by field and the requested fields
 *       of the merge are returned.</li>
 *   <li>{@code update}: read-modify-write: a get, the merge of its siblings with the new fields laid
 *       over it, and a put with the get's context, so the write replaces every sibling it read.</li>
 *   <li>{@code insert}: a blind put (no context).</li>
 *   <li>{@code delete}: a get for the context, then a delete with it.</li>
 *   <li>{@code scan}: not supported (Cairn has no range reads).</li>
 * </ul>
 *
 * <p>Properties: {@code cairn.protocol} ({@code binary}, the default, or {@code http});
 * {@code cairn.hosts} (comma-separated host:port of the nodes' ports for that protocol:
 * {@code binary.port} or {@code http.port}; default the dev cluster's first node,
 * {@code 127.0.0.1:8301} or {@code 127.0.0.1:8101}); {@code cairn.timeout.ms} (client-side request
 * timeout, default 10000).
 *
 * <p>Binary: all threads share one client, requests round-robin over the nodes;
 * {@code cairn.connections} {@code exclusive} (the default: a request has a connection to itself,
 * written and read on the calling thread) or {@code pipelined} ({@code cairn.connections.per.host},
 * default 2, connections to every node shared by all threads). HTTP: each YCSB thread
 * talks to one node, chosen round-robin; {@code cairn.client.shared} (default true): the threads on
 * one node share one {@link CairnClient}; false gives each thread its own (its own
 * {@code HttpClient} and selector thread: more client threads on a 2-core machine). Sibling counts
 * are printed to standard error when the last thread ends, as {@code [CAIRN], ...} lines.
 */
public final class CairnYcsbClient extends DB {
  private static final AtomicInteger NEXT_HOST = new AtomicInteger();
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final Map<String, KeyValueClient> CLIENTS = new ConcurrentHashMap<>();
  private static final AtomicLong READS_WITH_SIBLINGS = new AtomicLong();
  private static final AtomicLong SIBLINGS_MERGED = new AtomicLong();
  private static final AtomicLong CONFLICTING_WRITES = new AtomicLong();
  private static final String CONTENT_TYPE = "application/x-ycsb-record";

  private KeyValueClient client;
  private boolean ownsClient;

  @Override
  public void init() throws DBException {
    String protocol = getProperties().getProperty("cairn.protocol", "binary");
    long timeoutMs = Long.parseLong(getProperties().getProperty("cairn.timeout.ms", "10000"));
    switch (protocol) {
      case "binary" -> {
        String hosts = getProperties().getProperty("cairn.hosts", "127.0.0.1:8301");
        int perHost = Integer.parseInt(getProperties().getProperty("cairn.connections.per.host", "2"));
        CairnBinaryClient.ConnectionMode mode = connectionMode(
            getProperties().getProperty("cairn.connections", "exclusive"));
        // one client for all threads: its connections pipeline every thread's requests, or
        // each thread takes one of its own for every request
        client = CLIENTS.computeIfAbsent("binary:" + hosts, h -> CairnBinaryClient.builder().hosts(hosts)
            .connectionMode(mode).connectionsPerHost(perHost).requestTimeout(Duration.ofMillis(timeoutMs))
            .build());
      }
      case "http" -> initHttp(timeoutMs);
      default -> throw new DBException("cairn.protocol must be binary or http, not '" + protocol + "'");
    }
    OPEN.incrementAndGet();
  }

  private static CairnBinaryClient.ConnectionMode connectionMode(String name) throws DBException {
    return switch (name) {
      case "exclusive" -> CairnBinaryClient.ConnectionMode.EXCLUSIVE;
      case "pipelined" -> CairnBinaryClient.ConnectionMode.PIPELINED;
      default -> throw new DBException("cairn.connections must be exclusive or pipelined, not '" + name + "'");
    };
  }

  private void initHttp(long timeoutMs) {
    String[] hosts = getProperties().getProperty("cairn.hosts", "127.0.0.1:8101").split(",");
    String host = hosts[Math.floorMod(NEXT_HOST.getAndIncrement(), hosts.length)].trim();
    if (Boolean.parseBoolean(getProperties().getProperty("cairn.client.shared", "true"))) {
      // threads on the same node share one client (one connection pool, one selector thread)
      client = CLIENTS.computeIfAbsent(host, h ->
          new CairnClient(URI.create("http://" + h), Duration.ofSeconds(2), Duration.ofMillis(timeoutMs)));
    } else {
      client = new CairnClient(URI.create("http://" + host), Duration.ofSeconds(2), Duration.ofMillis(timeoutMs));
      ownsClient = true;
    }
  }

  @Override
  public void cleanup() {
    if (ownsClient) {
      client.close();
    }
    if (OPEN.decrementAndGet() == 0) {
      CLIENTS.values().forEach(KeyValueClient::close);
      CLIENTS.clear();
      System.err.println("[CAIRN], ReadsWithSiblings, " + READS_WITH_SIBLINGS.get());
      System.err.println("[CAIRN], SiblingsMerged, " + SIBLINGS_MERGED.get());
      System.err.println("[CAIRN], WritesAnsweredWithSiblings, " + CONFLICTING_WRITES.get());
    }
  }

  @Override
  public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
    try {
      Fetched fetched = client.get(table, key);
      if (!fetched.found()) {
        return Status.NOT_FOUND;
      }
      Map<String, byte[]> record = merged(fetched);
      for (Map.Entry<String, byte[]> e : record.entrySet()) {
        if (fields == null || fields.contains(e.getKey())) {
          result.put(e.getKey(), new ByteArrayByteIterator(e.getValue()));
        }
      }
      return Status.OK;
    } catch (CairnException | IllegalArgumentException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status update(String table, String key, Map<String, ByteIterator> values) {
    try {
      Fetched fetched = client.get(table, key);
      Map<String, byte[]> record = fetched.found() ? merged(fetched) : new LinkedHashMap<>();
      for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
        record.put(e.getKey(), e.getValue().toArray());
      }
      Written written = client.put(table, key, RecordCodec.encode(record), CONTENT_TYPE,
          fetched.context().orElse(null), WriteOptions.DEFAULT);
      if (!written.siblings().isEmpty()) {
        CONFLICTING_WRITES.incrementAndGet();
      }
      return Status.OK;
    } catch (CairnException | IllegalArgumentException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status insert(String table, String key, Map<String, ByteIterator> values) {
    try {
      client.put(table, key, RecordCodec.encode(bytesOf(values)), CONTENT_TYPE, null, WriteOptions.DEFAULT);
      return Status.OK;
    } catch (CairnException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status delete(String table, String key) {
    try {
      Fetched fetched = client.get(table, key);
      if (!fetched.found()) {
        return Status.NOT_FOUND;
      }
      client.delete(table, key, fetched.context().orElse(null), WriteOptions.DEFAULT);
      return Status.OK;
    } catch (CairnException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status scan(String table, String startkey, int recordcount, Set<String> fields,
            Vector<HashMap<String, ByteIterator>> result) {
    return Status.NOT_IMPLEMENTED;
  }

  private static Map<String, byte[]> merged(Fetched fetched) {
    if (fetched.hasSiblings()) {
      READS_WITH_SIBLINGS.incrementAndGet();
      SIBLINGS_MERGED.addAndGet(fetched.siblings().size());
    }
    List<RecordCodec.Sibling> siblings = new ArrayList<>(fetched.siblings().size());
    for (Value v : fetched.siblings()) {
      siblings.add(new RecordCodec.Sibling(RecordCodec.decode(v.bytes()), v.timestamp()));
    }
    return RecordCodec.merge(siblings);
  }

  static Map<String, byte[]> bytesOf(Map<String, ByteIterator> values) {
    Map<String, byte[]> out = new LinkedHashMap<>(values.size() * 2);
    for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
      out.put(e.getKey(), e.getValue().toArray());
    }
    return out;
  }
}
