package io.cairn.verification.jepsen;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the cluster under test and the node configuration every container gets. Nodes
 * listen on the same ports inside their containers and reach each other by network alias.
 *
 * @param nodes         node ids, also their network aliases (n1..n5)
 * @param image         the node image to run
 * @param partitions    Q
 * @param durability    storage durability mode (mmap or fsync)
 * @param javaOpts      extra JVM options for each node (heap size: five nodes share the machine)
 */
public record ClusterSpec(List<String> nodes, String image, int partitions, String durability, String javaOpts) {
  public static final int HTTP_PORT = 8098;
  public static final int INTERNODE_PORT = 8099;
  /** Replicas, read and write quorums of every bucket. */
  public static final int N = 3;
  public static final int R = 2;
  public static final int W = 2;
  /** The cluster secret every node of the suite's cluster shares (base64 of 32 bytes; a test cluster's only). */
  public static final String SECRET = "Y2Fpcm4gY29udGFpbmVyIHN1aXRlIGNsdXN0ZXIga2V5IQ==";

  public ClusterSpec {
    nodes = List.copyOf(nodes);
  }

  public static ClusterSpec fiveNodes(String image) {
    return new ClusterSpec(List.of("n1", "n2", "n3", "n4", "n5"), image, 64, "mmap", "-Xmx256m");
  }

  /** The fewest nodes a side of a partition needs to meet both quorums: max(R, W). */
  public static int quorumNodes() {
    return Math.max(R, W);
  }

  /**
   * The node's YAML configuration. Timings are shortened against the defaults so that a fault
   * schedule of a minute sees detection, hinted handoff and anti-entropy several times over.
   */
  public String configFor(String node) {
    List<String> y = new ArrayList<>();
    y.add("node:");
    y.add("  id: " + node);
    y.add("  data-dir: /var/lib/cairn");
    y.add("http:");
    y.add("  host: 0.0.0.0");
    y.add("  port: " + HTTP_PORT);
    y.add("internode:");
    y.add("  host: 0.0.0.0");
    y.add("  port: " + INTERNODE_PORT);
    y.add("cluster:");
    y.add("  partitions: " + partitions);
    y.add("  secret: " + SECRET);
    y.add("  members:");
    for (String member : nodes) {
      y.add("    - id: " + member);
      y.add("      host: " + member);
      y.add("      internode-port: " + INTERNODE_PORT);
      y.add("      http-port: " + HTTP_PORT);
    }
    y.add("defaults:");
    y.add("  n: " + N);
    y.add("  r: " + R);
    y.add("  w: " + W);
    y.add("timeouts:");
    y.add("  request-ms: 2000");
    y.add("  connect-ms: 500");
    y.add("limits:");
    y.add("  max-value-bytes: 262144");
    y.add("storage:");
    y.add("  durability: " + durability);
    y.add("  initial-entries-per-partition: 256");
    y.add("hints:");
    y.add("  delivery-interval-ms: 1000");
    y.add("failure-detector:");
    y.add("  heartbeat-interval-ms: 500");
    y.add("anti-entropy:");
    y.add("  interval-ms: 250");
    y.add("  leaf-count: 256");
    return String.join("\n", y) + "\n";
  }
}
