package io.cairn.node.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cairn.node.cluster.PhiAccrualDetector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds a {@link NodeConfig} from four layers, lowest precedence first: the defaults in {@link
 * Settings}, a YAML file, {@code CAIRN_*} environment variables and explicit {@code key=value}
 * overrides (what {@code --set} passes). Every layer is applied onto one Jackson tree by dotted
 * key; only then is the tree bound to records and validated, so that a value is judged once,
 * whichever layer it came from, and every problem is reported together.
 *
 * <p>The environment and overrides are parameters, never read from the process, so tests and
 * embedders can supply their own. The loader holds no mutable state and may be shared.
 */
public final class NodeConfigLoader {

  private static final int MAX_INT = Integer.MAX_VALUE;
  private static final int MAX_PORT = 65_535;

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          // A key written twice in one file is almost always a mistake; last-one-wins hides it.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * Loads and validates a configuration.
   *
   * @param file the YAML file, if any
   * @param env the environment; only {@code CAIRN_*} variables are read, and every such variable
   *     must name a setting
   * @param overrides dotted keys to values, e.g. {@code http.port -> 8101}
   * @throws ConfigException listing every problem found
   */
  public NodeConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigTree tree = new ConfigTree(problems);
    file.ifPresent(f -> readFile(f, tree, problems));
    applyEnvironment(env, tree, problems);
    new TreeMap<>(overrides).forEach((k, v) -> tree.set(k.trim(), v, "--set " + k.trim()));
    tree.checkUnknownKeys();
    Supplier<NodeConfig> bound = bind(new Binder(tree, problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return bound.get();
  }

  /**
   * Turns {@code key=value} strings (one per {@code --set} flag) into an overrides map.
   *
   * @throws ConfigException naming every string without an {@code =} or with an empty key
   */
  public static Map<String, String> parseOverrides(List<String> assignments) {
    Map<String, String> out = new HashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        problems.add(new ConfigProblem("--set " + a, "expected key=value, e.g. http.port=8101"));
      } else {
        out.put(a.substring(0, eq).trim(), a.substring(eq + 1));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return Map.copyOf(out);
  }

  private void readFile(Path file, ConfigTree tree, List<ConfigProblem> problems) {
    String origin = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    JsonNode root;
    try {
      root = yaml.readTree(file.toFile());
    } catch (JacksonException e) {
      problems.add(new ConfigProblem(file.toString(), "is not valid YAML: " + e.getOriginalMessage()
          + location(e)));
      return;
    } catch (IOException e) {
      problems.add(new ConfigProblem(file.toString(), "cannot be read: " + e));
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return; // An empty file is a valid file that changes nothing.
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem(file.toString(),
          "must be a mapping of sections (node:, http:, ...), got " + ConfigTree.describe(root)));
      return;
    }
    tree.mergeFile((ObjectNode) root, origin);
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static void applyEnvironment(
      Map<String, String> env, ConfigTree tree, List<ConfigProblem> problems) {
    // Sorted so that messages come out in a stable order whatever map the caller passes.
    new TreeMap<>(env).forEach((name, value) -> {
      if (!name.startsWith(Setting.ENV_PREFIX)) {
        return;
      }
      Optional<Setting> setting = Settings.byEnvName(name);
      if (setting.isPresent()) {
        tree.set(setting.get().key(), value, name);
      } else {
        // The CAIRN_ prefix is reserved for settings, so a misspelt variable fails loudly.
        problems.add(new ConfigProblem(name, "environment variable does not name a setting"
            + Settings.closest(name, Settings.envNames()).map(n -> "; did you mean " + n + "?")
                .orElse("")));
      }
    });
  }

  /**
   * Reads and checks every setting. The result builds the records; it is only called when no
   * problem was found, since a value that failed to read is a placeholder (possibly null).
   */
  private Supplier<NodeConfig> bind(Binder b) {
    String idText = b.string("node.id", "");
    NodeId id = nodeId(b, "node.id", "node.id", idText);
    Path dataDir = dataDir(b, idText);

    String httpHost = b.string("http.host", "");
    int httpPort = b.intIn("http.port", 1, MAX_PORT);
    int maxConcurrent = b.intIn("http.max-concurrent-requests", 1, MAX_INT);
    int httpConnections = b.intIn("http.max-connections", 1, MAX_INT);
    int httpIdleMs = b.intIn("http.idle-timeout-ms", 0, MAX_INT);
    int httpReadMs = b.intIn("http.request-read-timeout-ms", 1, MAX_INT);
    long httpBuffered = b.longIn("http.max-buffered-bytes", 1, Long.MAX_VALUE);
    String internodeHost = b.string("internode.host", "");
    int internodePort = b.intIn("internode.port", 1, MAX_PORT);
    if (b.ok("http.port", "internode.port", "http.host", "internode.host")
        && httpPort == internodePort && sameBind(httpHost, internodeHost)) {
      b.problem("internode.port", "is " + internodePort
          + ", the same as http.port on the same host; the two listeners need different ports");
    }
    String binaryHost = b.string("binary.host", "");
    int binaryPort = b.intIn("binary.port", 1, MAX_PORT);
    int binaryPending = b.intIn("binary.max-pending-requests", 1, MAX_INT);
    int binaryConnections = b.intIn("binary.max-connections", 1, MAX_INT);
    int binaryIdleMs = b.intIn("binary.idle-timeout-ms", 0, MAX_INT);
    int binaryFrameMs = b.intIn("binary.frame-timeout-ms", 1, MAX_INT);
    long binaryBuffered = b.longIn("binary.max-buffered-bytes", 1, Long.MAX_VALUE);
    int internodeIdleMs = b.intIn("internode.idle-timeout-ms", 0, MAX_INT);
    int internodeFrameMs = b.intIn("internode.frame-timeout-ms", 1, MAX_INT);
    long internodeBuffered = b.longIn("internode.max-buffered-bytes", 1, Long.MAX_VALUE);
    if (b.ok("internode.max-buffered-bytes") && internodeBuffered < WireCodec.MAX_FRAME_BYTES + 4L) {
      b.problem("internode.max-buffered-bytes", internodeBuffered + " is less than one largest internode frame ("
          + (WireCodec.MAX_FRAME_BYTES + 4L) + " bytes)");
    }
    checkDistinctPort(b, "binary", binaryHost, binaryPort, "http", httpHost, httpPort);
    checkDistinctPort(b, "binary", binaryHost, binaryPort, "internode", internodeHost, internodePort);

    int partitions = b.intIn("cluster.partitions", 1, Partitioner.MAX_PARTITIONS);
    if (b.ok("cluster.partitions") && Integer.bitCount(partitions) != 1) {
      b.problem("cluster.partitions", partitions + " is not a power of two (e.g. 64, 256, 1024)");
    }
    List<MemberConfig> members =
        new MemberBinder(b).bind(id, internodeHost, internodePort, httpPort);
    int internodeConnections = b.raw("internode.max-connections").isPresent()
        ? b.intIn("internode.max-connections", 1, MAX_INT)
        : 4 * members.size() + 16; // each peer holds one; room for reconnects overlapping old ones
    Optional<ClusterSecret> secret = clusterSecret(b, members);

    int n = b.intIn("defaults.n", 1, MAX_INT);
    int r = b.intIn("defaults.r", 1, MAX_INT);
    int w = b.intIn("defaults.w", 1, MAX_INT);
    ConflictMode mode =
        b.choice("defaults.conflict-mode", ConflictMode::fromWireName, "siblings, lww");
    checkQuorum(b, "defaults.r", r, n, "a read");
    checkQuorum(b, "defaults.w", w, n, "a write");
    if (b.ok("defaults.n", Settings.MEMBERS) && n > members.size()) {
      b.problem("defaults.n", n + " is more than the " + members.size()
          + " node(s) in cluster.members; each replica of a key must live on a distinct node");
    }

    int requestMs = b.intIn("timeouts.request-ms", 1, MAX_INT);
    int connectMs = b.intIn("timeouts.connect-ms", 1, MAX_INT);

    int maxKey = b.intIn("limits.max-key-bytes", 1, BucketKey.MAX_KEY_BYTES);
    int maxValue = b.intIn("limits.max-value-bytes", 1, MAX_INT);
    if (b.ok("limits.max-value-bytes", "http.max-buffered-bytes") && httpBuffered < maxValue) {
      b.problem("http.max-buffered-bytes", httpBuffered + " is less than limits.max-value-bytes (" + maxValue
          + "); the largest body could never be received");
    }
    if (b.ok("limits.max-value-bytes", "limits.max-key-bytes", "binary.max-buffered-bytes")
        && binaryBuffered < new LimitsConfig(maxKey, maxValue).clientFrameBytes()) {
      b.problem("binary.max-buffered-bytes", binaryBuffered + " is less than the largest client frame ("
          + new LimitsConfig(maxKey, maxValue).clientFrameBytes() + " bytes: limits.max-value-bytes, "
          + "limits.max-key-bytes and " + LimitsConfig.REQUEST_OVERHEAD_BYTES + " bytes of request overhead)");
    }

    Durability durability =
        b.choice("storage.durability", Durability::fromConfigName, "mmap, fsync");
    long initialEntries = b.longIn("storage.initial-entries-per-partition", 16, Long.MAX_VALUE);
    int avgKey = b.intIn("storage.average-key-bytes", 1, MAX_INT);
    int avgValue = b.intIn("storage.average-value-bytes", 1, MAX_INT);
    long minFree = b.longIn("storage.min-free-bytes", 0, Long.MAX_VALUE);
    int maxObject = maxObjectBytes(b, maxValue);
    if (b.ok("storage.max-object-bytes", "limits.max-value-bytes") && maxObject < maxValue) {
      b.problem("storage.max-object-bytes", maxObject + " is less than limits.max-value-bytes ("
          + maxValue + "); a stored object holds at least one client value");
    }
    if (b.ok("storage.max-object-bytes", "storage.average-value-bytes") && avgValue > maxObject) {
      b.problem("storage.average-value-bytes", avgValue
          + " is more than storage.max-object-bytes (" + maxObject + ")");
    }

    long hintBytes = b.longIn("hints.max-bytes", 1, Long.MAX_VALUE);
    long expectedHints = b.longIn("hints.expected-hints", 1, Long.MAX_VALUE);
    int hintAvg = b.intIn("hints.average-object-bytes", 1, MAX_INT);
    int deliveryMs = b.intIn("hints.delivery-interval-ms", 0, MAX_INT); // 0: handoff off (tests, debugging)
    if (b.ok("storage.max-object-bytes", "hints.average-object-bytes") && hintAvg > maxObject) {
      b.problem("hints.average-object-bytes", hintAvg
          + " is more than storage.max-object-bytes (" + maxObject + ")");
    }
    if (b.ok("storage.max-object-bytes", "hints.max-bytes") && hintBytes < maxObject) {
      b.problem("hints.max-bytes", hintBytes + " is less than storage.max-object-bytes ("
          + maxObject + "), so the largest object could never be hinted");
    }

    int heartbeatMs = b.intIn("failure-detector.heartbeat-interval-ms", 1, MAX_INT);
    double phi = b.doubleIn("failure-detector.phi-threshold", 0, 1000);
    int window = b.intIn("failure-detector.window-size", 2, 1_000_000);
    int minStdDev = b.intIn("failure-detector.min-std-dev-ms", 1, MAX_INT);
    int maxIntervalMs = maxIntervalMs(b, heartbeatMs);
    if (b.ok("failure-detector.max-interval-ms", "failure-detector.heartbeat-interval-ms")
        && maxIntervalMs <= heartbeatMs) {
      b.problem("failure-detector.max-interval-ms", maxIntervalMs
          + " is not more than failure-detector.heartbeat-interval-ms (" + heartbeatMs
          + "); normal heartbeat gaps would never be learned");
    }

    int lingerMs = b.intIn("read-repair.linger-ms", 0, MAX_INT);
    int maxPending = b.intIn("transport.max-pending-requests-per-peer", 1, MAX_INT);
    int aeIntervalMs = b.intIn("anti-entropy.interval-ms", 1, MAX_INT);
    int aeMaxKeys = b.intIn("anti-entropy.max-keys-per-exchange", 1, MAX_INT);
    int aeLeaves = b.intIn("anti-entropy.leaf-count", 1, 1 << 20);
    long graceMs = b.longIn("anti-entropy.tombstone-grace-ms", 0, Long.MAX_VALUE);
    int reapMs = b.intIn("anti-entropy.reap-interval-ms", 1, MAX_INT);
    long aeMaxBytes = b.longIn("anti-entropy.max-bytes-per-exchange", 1, Long.MAX_VALUE);
    if (b.ok("anti-entropy.leaf-count") && Integer.bitCount(aeLeaves) != 1) {
      b.problem("anti-entropy.leaf-count", aeLeaves + " is not a power of two");
    }
    if (b.ok("internode.idle-timeout-ms", "failure-detector.heartbeat-interval-ms") && internodeIdleMs > 0
        && internodeIdleMs < 3L * heartbeatMs) {
      b.problem("internode.idle-timeout-ms", internodeIdleMs + " is less than three heartbeat intervals ("
          + 3L * heartbeatMs + " ms); live links would be closed between heartbeats");
    }

    return () -> new NodeConfig(
        new NodeSettings(id, dataDir),
        new HttpConfig(httpHost, httpPort, maxConcurrent, httpConnections, httpIdleMs, httpReadMs, httpBuffered),
        new InternodeConfig(internodeHost, internodePort, internodeConnections, internodeIdleMs, internodeFrameMs,
            internodeBuffered),
        new BinaryConfig(binaryHost, binaryPort, binaryPending, binaryConnections, binaryIdleMs, binaryFrameMs,
            binaryBuffered),
        new ClusterConfig(members, partitions, secret),
        new DefaultsConfig(n, r, w, mode),
        new TimeoutsConfig(requestMs, connectMs),
        new LimitsConfig(maxKey, maxValue),
        new StorageSettings(durability, initialEntries, avgKey, avgValue, maxObject, minFree),
        new HintsConfig(hintBytes, expectedHints, hintAvg, deliveryMs),
        new FailureDetectorConfig(heartbeatMs, phi, window, minStdDev, maxIntervalMs),
        new ReadRepairConfig(lingerMs),
        new TransportConfig(maxPending),
        new AntiEntropyConfig(aeIntervalMs, aeMaxKeys, aeLeaves, graceMs, reapMs, aeMaxBytes));
  }

  static NodeId nodeId(Binder b, String originKey, String reportAs, String text) {
    if (!b.ok(reportAs)) {
      return null;
    }
    try {
      return NodeId.of(text);
    } catch (IllegalArgumentException e) {
      b.problemAs(originKey, reportAs, e.getMessage());
      return null;
    }
  }

  private static Path dataDir(Binder b, String idText) {
    if (b.raw("node.data-dir").isEmpty()) {
      // Per-node default, so that nodes started from one directory never share files.
      return Path.of("data", idText.isEmpty() ? "node" : idText);
    }
    String text = b.string("node.data-dir", "");
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      b.problem("node.data-dir", "'" + text + "' is not a valid path: " + e.getReason());
      return null;
    }
  }

  /**
   * {@code cluster.secret} or the file {@code cluster.secret-file} names. A cluster of more than one
   * node must have one (its nodes must accept each other's contexts); one node alone may go without
   * and keeps a generated secret in its data directory. Messages never quote the secret.
   */
  private static Optional<ClusterSecret> clusterSecret(Binder b, List<MemberConfig> members) {
    boolean inline = b.raw("cluster.secret").isPresent();
    boolean inFile = b.raw("cluster.secret-file").isPresent();
    if (inline && inFile) {
      b.problem("cluster.secret-file", "is set together with cluster.secret; set one of the two");
      return Optional.empty();
    }
    String text;
    String key;
    if (inline) {
      key = "cluster.secret";
      Optional<JsonNode> node = b.raw(key);
      if (!node.get().isValueNode() || node.get().isNull()) {
        b.problem(key, "expected text (base64 or hex)");
        return Optional.empty();
      }
      text = node.get().asText();
    } else if (inFile) {
      key = "cluster.secret-file";
      String file = b.string(key, "");
      if (!b.ok(key)) {
        return Optional.empty();
      }
      try {
        text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
      } catch (IOException | InvalidPathException e) {
        b.problem(key, "cannot read '" + file + "': " + e.getMessage());
        return Optional.empty();
      }
    } else {
      if (b.ok(Settings.MEMBERS) && members.size() > 1) {
        b.problem("cluster.secret", "is required for a cluster of " + members.size() + " nodes: every node must"
            + " have the same secret. Generate one with `openssl rand -base64 32` and set it on every node as"
            + " cluster.secret, as CAIRN_CLUSTER_SECRET, or in the file cluster.secret-file names");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(ClusterSecret.parse(text));
    } catch (IllegalArgumentException e) {
      b.problem(key, (inFile ? "names a file whose secret " : "") + e.getMessage());
      return Optional.empty();
    }
  }

  private static int maxObjectBytes(Binder b, int maxValue) {
    if (b.raw("storage.max-object-bytes").isPresent()) {
      return b.intIn("storage.max-object-bytes", 1, MAX_INT);
    }
    if (!b.ok("limits.max-value-bytes")) {
      b.problemAs("limits.max-value-bytes", "storage.max-object-bytes",
          "cannot be derived while limits.max-value-bytes is invalid");
      return 0;
    }
    // Room for a few siblings; capped because an object must fit in an int-sized buffer.
    return (int) Math.min(4L * maxValue, MAX_INT);
  }

  private static int maxIntervalMs(Binder b, int heartbeatMs) {
    if (b.raw("failure-detector.max-interval-ms").isPresent()) {
      return b.intIn("failure-detector.max-interval-ms", 1, MAX_INT);
    }
    if (!b.ok("failure-detector.heartbeat-interval-ms")) {
      b.problemAs("failure-detector.heartbeat-interval-ms", "failure-detector.max-interval-ms",
          "cannot be derived while failure-detector.heartbeat-interval-ms is invalid");
      return 0;
    }
    return (int) Math.min(PhiAccrualDetector.defaultMaxIntervalMillis(heartbeatMs), MAX_INT);
  }

  private static void checkQuorum(Binder b, String key, int value, int n, String what) {
    if (b.ok(key, "defaults.n") && value > n) {
      b.problem(key, value + " is more than defaults.n (" + n + "); " + what
          + " cannot wait for more replicas than hold the key");
    }
  }

  /** Two listeners on the same host cannot share a port. */
  private static void checkDistinctPort(
      Binder b, String section, String host, int port, String other, String otherHost, int otherPort) {
    if (b.ok(section + ".port", section + ".host", other + ".port", other + ".host")
        && port == otherPort && sameBind(host, otherHost)) {
      b.problem(section + ".port", "is " + port + ", the same as " + other
          + ".port on the same host; every listener needs its own port");
    }
  }

  private static boolean sameBind(String a, String b) {
    return a.equalsIgnoreCase(b) || isWildcard(a) || isWildcard(b);
  }

  private static boolean isWildcard(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
  }

  /** Reads {@code cluster.members}, which as a list of mappings needs its own walk. */
  private static final class MemberBinder {
    private final Binder b;

    MemberBinder(Binder b) {
      this.b = b;
    }

    List<MemberConfig> bind(NodeId self, String selfHost, int internodePort, int httpPort) {
      Optional<JsonNode> raw = b.raw(Settings.MEMBERS);
      if (raw.isEmpty()) {
        // Default: a cluster of one, reachable where this node listens.
        if (self == null || !b.ok("internode.host", "internode.port", "http.port")) {
          b.skip(Settings.MEMBERS); // already reported; don't also count it as zero members
          return List.of();
        }
        return List.of(new MemberConfig(self, selfHost, internodePort, httpPort, 1, Optional.empty()));
      }
      JsonNode list = raw.get();
      if (!list.isArray() || list.isEmpty()) {
        b.problem(Settings.MEMBERS, "expected a non-empty list of members ({id, host, "
            + "internode-port, http-port}), got " + ConfigTree.describe(list));
        return List.of();
      }
      // One slot per entry, null where the entry is malformed, so that messages keep the
      // entry's own index and defaults.n is checked against the number of entries listed.
      List<MemberConfig> members = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        members.add(member(Settings.MEMBERS + "[" + i + "]", list.get(i)));
      }
      checkDuplicates(members);
      boolean allOk = members.stream().allMatch(m -> m != null);
      if (allOk && self != null && members.stream().noneMatch(m -> m.id().equals(self))) {
        b.problem(Settings.MEMBERS, "does not list this node (node.id = " + self
            + "); every node must appear in its own member list");
      }
      return members;
    }

    private MemberConfig member(String at, JsonNode node) {
      String k = Settings.MEMBERS;
      if (!node.isObject()) {
        b.problemAs(k, at, "expected a mapping {id, host, internode-port, http-port}, got "
            + ConfigTree.describe(node));
        return null;
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!Settings.MEMBER_KEYS.contains(name)) {
          // Reported, but the entry is still read so that duplicate and membership checks run.
          b.problemAs(k, at + "." + name, "unknown key" + Settings.closest(name, Settings.MEMBER_KEYS)
              .map(s -> "; did you mean " + s + "?").orElse(""));
        }
      }
      boolean missing = false;
      for (String required : List.of("id", "host", "internode-port", "http-port")) {
        if (node.get(required) == null) {
          b.problemAs(k, at + "." + required, "is required");
          missing = true;
        }
      }
      if (missing) {
        return null;
      }
      String idText = b.stringOf(k, node.get("id"), at + ".id");
      NodeId id = nodeId(b, k, at + ".id", idText);
      String host = b.stringOf(k, node.get("host"), at + ".host");
      int ip = (int) b.longOf(k, node.get("internode-port"), at + ".internode-port", 1, MAX_PORT);
      int hp = (int) b.longOf(k, node.get("http-port"), at + ".http-port", 1, MAX_PORT);
      JsonNode weightNode = node.get("weight");
      int weight = weightNode == null
          ? 1
          : (int) b.longOf(k, weightNode, at + ".weight", 1, Member.MAX_WEIGHT);
      JsonNode zoneNode = node.get("zone");
      Optional<String> zone = zoneNode == null || zoneNode.isNull()
          ? Optional.empty()
          : Optional.of(b.stringOf(k, zoneNode, at + ".zone"));
      if (!b.ok(at + ".id", at + ".host", at + ".internode-port", at + ".http-port",
          at + ".weight", at + ".zone")) {
        return null;
      }
      return new MemberConfig(id, host, ip, hp, weight, zone);
    }

    /** Ids must be unique, and so must every (host, port) a member listens on. */
    private void checkDuplicates(List<MemberConfig> members) {
      Map<NodeId, Integer> ids = new HashMap<>();
      Map<String, String> endpoints = new HashMap<>();
      for (int i = 0; i < members.size(); i++) {
        MemberConfig m = members.get(i);
        if (m == null) {
          continue;
        }
        String at = Settings.MEMBERS + "[" + i + "]";
        Integer previous = ids.putIfAbsent(m.id(), i);
        if (previous != null) {
          b.problemAs(Settings.MEMBERS, at + ".id", "'" + m.id() + "' is also the id of "
              + Settings.MEMBERS + "[" + previous + "]");
        }
        endpoint(endpoints, m.host(), m.internodePort(), at + ".internode-port");
        endpoint(endpoints, m.host(), m.httpPort(), at + ".http-port");
      }
    }

    private void endpoint(Map<String, String> seen, String host, int port, String at) {
      // Compared as written: the loader does no DNS, so localhost and 127.0.0.1 differ here.
      String address = host.toLowerCase(Locale.ROOT) + ":" + port;
      String previous = seen.putIfAbsent(address, at);
      if (previous != null) {
        b.problemAs(Settings.MEMBERS, at, "address " + address + " is already used by " + previous);
      }
    }
  }
}
