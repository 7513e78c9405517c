package io.cairn.verification.perf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * YCSB binding for Redis with Jedis: a record is a hash at its key; one connection per YCSB thread.
 * Properties: {@code redis.host} (default 127.0.0.1), {@code redis.port} (default 6379),
 * {@code redis.timeout.ms} (default 10000). Scans are not supported.
 */
public final class RedisYcsbClient extends DB {
  private Jedis jedis;

  @Override
  public void init() throws DBException {
    String host = getProperties().getProperty("redis.host", "127.0.0.1");
    int port = Integer.parseInt(getProperties().getProperty("redis.port", "6379"));
    int timeout = Integer.parseInt(getProperties().getProperty("redis.timeout.ms", "10000"));
    try {
      jedis = new Jedis(host, port, timeout);
      jedis.connect();
    } catch (JedisException e) {
      throw new DBException("cannot connect to redis at " + host + ":" + port, e);
    }
  }

  @Override
  public void cleanup() {
    if (jedis != null) {
      jedis.close();
    }
  }

  @Override
  public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
    try {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      if (fields == null) {
        Map<byte[], byte[]> all = jedis.hgetAll(k);
        if (all.isEmpty()) {
          return Status.NOT_FOUND;
        }
        for (Map.Entry<byte[], byte[]> e : all.entrySet()) {
          result.put(new String(e.getKey(), StandardCharsets.UTF_8), new ByteArrayByteIterator(e.getValue()));
        }
      } else {
        String[] names = fields.toArray(new String[0]);
        byte[][] raw = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
          raw[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        List<byte[]> values = jedis.hmget(k, raw);
        boolean any = false;
        for (int i = 0; i < names.length; i++) {
          if (values.get(i) != null) {
            result.put(names[i], new ByteArrayByteIterator(values.get(i)));
            any = true;
          }
        }
        if (!any) {
          return Status.NOT_FOUND;
        }
      }
      return Status.OK;
    } catch (JedisException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status update(String table, String key, Map<String, ByteIterator> values) {
    return hset(key, values);
  }

  @Override
  public Status insert(String table, String key, Map<String, ByteIterator> values) {
    return hset(key, values);
  }

  private Status hset(String key, Map<String, ByteIterator> values) {
    try {
      Map<byte[], byte[]> hash = new HashMap<>(values.size() * 2);
      for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
        hash.put(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().toArray());
      }
      jedis.hset(key.getBytes(StandardCharsets.UTF_8), hash);
      return Status.OK;
    } catch (JedisException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status delete(String table, String key) {
    try {
      return jedis.del(key) == 1 ? Status.OK : Status.NOT_FOUND;
    } catch (JedisException e) {
      return Status.ERROR;
    }
  }

  @Override
  public Status scan(String table, String startkey, int recordcount, Set<String> fields,
            Vector<HashMap<String, ByteIterator>> result) {
    return Status.NOT_IMPLEMENTED;
  }
}
