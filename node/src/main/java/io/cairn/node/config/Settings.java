package io.cairn.node.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of every setting. It is the single list that drives the defaults layer, the
 * unknown-key check, the environment variable names and the tests that keep
 * {@code conf/cairn.yaml} and {@code docs/configuration.md} complete. Adding a setting means adding
 * it here and binding it in {@link NodeConfigLoader}.
 */
public final class Settings {

  public static final String MEMBERS = "cluster.members";

  /** Keys of one entry of {@code cluster.members}. */
  public static final List<String> MEMBER_KEYS =
      List.of("id", "host", "internode-port", "http-port", "weight", "zone");

  /** Every setting, in documentation order. Immutable. */
  public static final List<Setting> ALL =
      List.of(
          s("node.id", "n1", "This node's stable name; must appear in cluster.members."),
          derived("node.data-dir", "data/<node.id>",
              "Directory for this node's data (storage/ holds the partition maps)."),
          s("http.host", "127.0.0.1", "Address the client HTTP API binds to."),
          s("http.port", "8098", "Port of the client HTTP API."),
          s("http.max-concurrent-requests", "1024",
              "Client requests in flight before new ones are refused with 503 (admission control); a request counts once its body has arrived."),
          s("http.max-connections", "1024", "Open HTTP connections; one more is answered 503 and closed."),
          s("http.idle-timeout-ms", "60000", "An HTTP connection with no traffic for this long is closed; 0 never closes."),
          s("http.request-read-timeout-ms", "10000",
              "A request's headers, then its body, must arrive within this; else 408 (or a close) and the connection ends."),
          s("http.max-buffered-bytes", "67108864",
              "Bytes all HTTP connections may hold in request bodies still arriving (64 MiB); beyond, 503 and close."),
          s("internode.host", "127.0.0.1", "Address the internode transport binds to."),
          s("internode.port", "8099", "Port of the internode transport."),
          derived("internode.max-connections", "4 x members + 16",
              "Connections other nodes may hold open to this one; one more is closed at once."),
          s("internode.idle-timeout-ms", "60000",
              "An internode connection with no traffic for this long is closed (heartbeats keep live ones busy); 0 never closes."),
          s("internode.frame-timeout-ms", "30000", "A frame begun and not complete within this closes its connection."),
          s("internode.max-buffered-bytes", "134217728",
              "Bytes all accepted internode connections may hold in unfinished frames (128 MiB)."),
          s("binary.host", "127.0.0.1", "Address the binary client protocol binds to."),
          s("binary.port", "8097", "Port of the binary client protocol (the Java client)."),
          s("binary.max-pending-requests", "1024",
              "Requests one client connection may have in progress before more are refused as overloaded."),
          s("binary.max-connections", "1024",
              "Open binary client connections; one more is sent an OVERLOADED error and closed."),
          s("binary.idle-timeout-ms", "60000", "A client connection with no traffic for this long is closed; 0 never closes."),
          s("binary.frame-timeout-ms", "30000", "A frame begun and not complete within this closes its connection."),
          s("binary.max-buffered-bytes", "67108864",
              "Bytes all client connections may hold in unfinished frames (64 MiB); a frame beyond closes its connection."),
          new Setting(MEMBERS, Optional.empty(), "this node alone",
              "Every node of the cluster: {id, host, internode-port, http-port, weight, zone}.",
              false),
          s("cluster.partitions", "256",
              "Partition count Q: a power of two, fixed for the life of the cluster."),
          derived("cluster.secret", "generated for a single node",
              "Secret shared by every node (>= 32 bytes, base64 or hex); required with more than one member."),
          derived("cluster.secret-file", "none",
              "A file holding cluster.secret instead (set one of the two)."),
          s("defaults.n", "3", "Replicas per key for buckets without their own props."),
          s("defaults.r", "2", "Default read quorum; at most defaults.n."),
          s("defaults.w", "2", "Default write quorum; at most defaults.n."),
          s("defaults.conflict-mode", "siblings",
              "siblings keeps concurrent writes; lww keeps only the newest (lossy)."),
          s("timeouts.request-ms", "5000", "How long a coordinator waits for a quorum."),
          s("timeouts.connect-ms", "1000", "How long to wait for a TCP connection to a peer."),
          s("limits.max-key-bytes", "1024", "Largest key a client may use, in UTF-8 bytes."),
          s("limits.max-value-bytes", "1048576", "Largest value a client may put (1 MiB)."),
          s("storage.durability", "mmap",
              "mmap survives a process crash; fsync also survives power loss (slower writes)."),
          s("storage.initial-entries-per-partition", "1024",
              "Entries a new partition map is sized for; maps grow past it online."),
          s("storage.average-key-bytes", "48", "Expected encoded (bucket, key) size, for sizing."),
          s("storage.average-value-bytes", "1024", "Expected stored object size, for sizing."),
          derived("storage.max-object-bytes", "4 x limits.max-value-bytes",
              "Largest stored object (all siblings together); >= limits.max-value-bytes."),
          s("storage.min-free-bytes", "268435456",
              "Space kept free on the data volume (256 MiB); writes that would use it get 507."),
          s("hints.max-bytes", "268435456", "Bound on pending hinted-handoff data (256 MiB)."),
          s("hints.expected-hints", "16384", "Hints the hint file is sized for up front."),
          s("hints.average-object-bytes", "1024", "Expected size of a hinted object, for sizing."),
          s("hints.delivery-interval-ms", "5000", "How often pending hints are offered to peers; 0 turns hinted handoff off (anti-entropy still repairs)."),
          s("failure-detector.heartbeat-interval-ms", "1000", "How often heartbeats are sent."),
          s("failure-detector.phi-threshold", "8",
              "Suspicion level above which a peer is considered down."),
          s("failure-detector.window-size", "1000", "Heartbeat intervals kept per peer."),
          s("failure-detector.min-std-dev-ms", "100",
              "Floor on the interval deviation, so a very regular peer is not suspected at once."),
          derived("failure-detector.max-interval-ms", "max(2000, 2 x failure-detector.heartbeat-interval-ms)",
              "Longest silence learned as a heartbeat gap; a longer one restarts the peer's history."),
          s("read-repair.linger-ms", "1000",
              "How long a get keeps listening for late replies to repair them."),
          s("anti-entropy.interval-ms", "1000",
              "How often one partition is compared with one fellow replica (always on)."),
          s("anti-entropy.max-keys-per-exchange", "1000",
              "Keys repaired at most per exchange; with the interval, the repair rate limit."),
          s("anti-entropy.max-bytes-per-exchange", "8388608",
              "Object bytes sent at most per exchange; with the interval, the repair bytes/s limit."),
          s("anti-entropy.leaf-count", "1024",
              "Leaves of each partition's Merkle tree, a power of two; the same on every node."),
          s("anti-entropy.tombstone-grace-ms", "3600000",
              "A tombstone is removed no sooner than this after its delete, and only once every primary holds it."),
          s("anti-entropy.reap-interval-ms", "60000",
              "How often a node looks for tombstones to remove in the partitions it leads."),
          s("transport.max-pending-requests-per-peer", "1024",
              "Requests awaiting a reply from one peer before more fail fast."));

  private static final Map<String, Setting> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  private static final Map<String, Setting> BY_ENV =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

  private static final Set<String> SECTIONS =
      ALL.stream()
          .map(st -> st.key().substring(0, st.key().indexOf('.')))
          .collect(Collectors.toUnmodifiableSet());

  private Settings() {}

  public static Optional<Setting> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  public static Optional<Setting> byEnvName(String envName) {
    return Optional.ofNullable(BY_ENV.get(envName));
  }

  /** Whether {@code name} is a top-level section such as {@code http}. */
  public static boolean isSection(String name) {
    return SECTIONS.contains(name);
  }

  /** Every default that is a plain value, keyed by dotted key, in catalogue order. */
  static Map<String, String> plainDefaults() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Setting st : ALL) {
      st.defaultValue().ifPresent(v -> out.put(st.key(), v));
    }
    return out;
  }

  /** The closest of {@code candidates} to a misspelt {@code name}, if any is close enough. */
  static Optional<String> closest(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    // A third of the length: catches typos and swapped separators, not unrelated words.
    return bestDistance <= Math.max(2, name.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
  }

  static Iterable<String> keys() {
    return BY_KEY.keySet().stream().sorted().toList();
  }

  static Iterable<String> envNames() {
    return BY_ENV.keySet().stream().sorted().toList();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Setting s(String key, String def, String description) {
    return new Setting(key, Optional.of(def), def, description, true);
  }

  private static Setting derived(String key, String defaultText, String description) {
    return new Setting(key, Optional.empty(), defaultText, description, true);
  }
}
