package io.cairn.verification.perf;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * YCSB binding for Apache Cassandra with the DataStax Java driver 4.x. All YCSB threads share one
 * session. On the first init it creates, when missing, the keyspace ({@code SimpleStrategy} with
 * {@code cassandra.rf}) and YCSB's {@code usertable (y_id varchar primary key, field0..fieldN varchar)}.
 *
 * <p>Properties: {@code cassandra.hosts} (comma-separated addresses, default 127.0.0.1),
 * {@code cassandra.port} (9042), {@code cassandra.datacenter} (datacenter1),
 * {@code cassandra.keyspace} (ycsb), {@code cassandra.rf} (3), {@code cassandra.readconsistency}
 * and {@code cassandra.writeconsistency} (QUORUM), {@code cassandra.retries} (how often a timed-out,
 * unavailable or overloaded request is retried, default 5: three nodes on two cores drop mutations
 * under load, and YCSB's updates are idempotent), {@code fieldcount} (10), {@code fieldprefix}.
 */
public final class CassandraYcsbClient extends DB {
  private static final Object LOCK = new Object();
  private static CqlSession session;
  private static int open;
  private static final Map<String, PreparedStatement> STATEMENTS = new ConcurrentHashMap<>();

  private ConsistencyLevel readConsistency;
  private ConsistencyLevel writeConsistency;
  private int retries;
  private String table;

  @Override
  public void init() throws DBException {
    var p = getProperties();
    readConsistency = DefaultConsistencyLevel.valueOf(p.getProperty("cassandra.readconsistency", "QUORUM"));
    writeConsistency = DefaultConsistencyLevel.valueOf(p.getProperty("cassandra.writeconsistency", "QUORUM"));
    retries = Integer.parseInt(p.getProperty("cassandra.retries", "5"));
    String keyspace = p.getProperty("cassandra.keyspace", "ycsb");
    table = keyspace + "." + p.getProperty("table", "usertable");
    synchronized (LOCK) {
      if (session == null) {
        session = connect(p, keyspace);
      }
      open++;
    }
  }

  private CqlSession connect(Properties p, String keyspace) throws DBException {
    int port = Integer.parseInt(p.getProperty("cassandra.port", "9042"));
    List<InetSocketAddress> contacts = new ArrayList<>();
    for (String h : p.getProperty("cassandra.hosts", "127.0.0.1").split(",")) {
      contacts.add(new InetSocketAddress(h.trim(), port));
    }
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(12))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        .build();
    try {
      CqlSession s = CqlSession.builder()
          .addContactPoints(contacts)
          .withLocalDatacenter(p.getProperty("cassandra.datacenter", "datacenter1"))
          .withConfigLoader(config)
          .build();
      int rf = Integer.parseInt(p.getProperty("cassandra.rf", "3"));
      int fieldCount = Integer.parseInt(p.getProperty("fieldcount", "10"));
      String prefix = p.getProperty("fieldprefix", "field");
      StringBuilder columns = new StringBuilder("y_id varchar PRIMARY KEY");
      for (int i = 0; i < fieldCount; i++) {
        columns.append(", ").append(prefix).append(i).append(" varchar");
      }
      s.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + keyspace
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + rf + "}")
          .setTimeout(Duration.ofSeconds(60)));
      s.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")")
          .setTimeout(Duration.ofSeconds(60)));
      return s;
    } catch (DriverException e) {
      throw new DBException("cannot set up Cassandra at " + contacts + ": " + e, e);
    }
  }

  @Override
  public void cleanup() {
    synchronized (LOCK) {
      if (--open == 0 && session != null) {
        session.close();
        session = null;
        STATEMENTS.clear();
      }
    }
  }

  @Override
  public Status read(String t, String key, Set<String> fields, Map<String, ByteIterator> result) {
    String cql = fields == null
        ? "SELECT * FROM " + table + " WHERE y_id = ?"
        : "SELECT " + String.join(", ", fields) + " FROM " + table + " WHERE y_id = ?";
    BoundStatement bound = prepared(cql).bind(key).setConsistencyLevel(readConsistency);
    ResultSet rs = execute(bound);
    if (rs == null) {
      return Status.ERROR;
    }
    Row row = rs.one();
    if (row == null) {
      return Status.NOT_FOUND;
    }
    for (ColumnDefinition column : row.getColumnDefinitions()) {
      String name = column.getName().asInternal();
      if (name.equals("y_id")) {
        continue;
      }
      ByteBuffer bytes = row.getBytesUnsafe(name);
      byte[] value = new byte[bytes == null ? 0 : bytes.remaining()];
      if (bytes != null) {
        bytes.duplicate().get(value);
      }
      result.put(name, new ByteArrayByteIterator(value));
    }
    return Status.OK;
  }

  @Override
  public Status update(String t, String key, Map<String, ByteIterator> values) {
    Map<String, ByteIterator> sorted = new TreeMap<>(values);
    StringBuilder cql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    boolean first = true;
    for (String f : sorted.keySet()) {
      cql.append(first ? "" : ", ").append(f).append(" = ?");
      first = false;
    }
    cql.append(" WHERE y_id = ?");
    List<Object> args = new ArrayList<>();
    for (ByteIterator v : sorted.values()) {
      args.add(v.toString());
    }
    args.add(key);
    return write(cql.toString(), args);
  }

  @Override
  public Status insert(String t, String key, Map<String, ByteIterator> values) {
    Map<String, ByteIterator> sorted = new TreeMap<>(values);
    StringBuilder cql = new StringBuilder("INSERT INTO ").append(table).append(" (y_id");
    List<Object> args = new ArrayList<>();
    args.add(key);
    for (Map.Entry<String, ByteIterator> e : sorted.entrySet()) {
      cql.append(", ").append(e.getKey());
      args.add(e.getValue().toString());
    }
    cql.append(") VALUES (?").append(", ?".repeat(sorted.size())).append(")");
    return write(cql.toString(), args);
  }

  @Override
  public Status delete(String t, String key) {
    return write("DELETE FROM " + table + " WHERE y_id = ?", List.of(key));
  }

  @Override
  public Status scan(String t, String startkey, int recordcount, Set<String> fields,
            Vector<HashMap<String, ByteIterator>> result) {
    return Status.NOT_IMPLEMENTED;
  }

  private Status write(String cql, List<Object> args) {
    BoundStatement bound = prepared(cql).bind(args.toArray()).setConsistencyLevel(writeConsistency);
    return execute(bound) == null ? Status.ERROR : Status.OK;
  }

  private PreparedStatement prepared(String cql) {
    return STATEMENTS.computeIfAbsent(cql, c -> session.prepare(c));
  }

  /** Executes with retries on timeouts, unavailability and overload; null when all attempts failed. */
  private ResultSet execute(BoundStatement statement) {
    for (int attempt = 0; ; attempt++) {
      try {
        return session.execute(statement);
      } catch (QueryConsistencyException | DriverTimeoutException | UnavailableException | OverloadedException e) {
        if (attempt >= retries) {
          return null;
        }
        try {
          Thread.sleep(Math.min(100, 5L << attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return null;
        }
      } catch (DriverException e) {
        return null;
      }
    }
  }
}
