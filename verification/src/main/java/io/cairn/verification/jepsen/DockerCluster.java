package io.cairn.verification.jepsen;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.cairn.client.CairnClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;

/**
 * The cluster under test: one container per node on a private Docker network, each running the
 * real node jar under {@code node-ctl} (see {@code deploy/}). The container outlives its node
 * process, so a node can be killed with SIGKILL and restarted on the same data and address.
 */
public final class DockerCluster implements AutoCloseable {
  /** Every container and network of the suite carries this label, so leftovers can be removed. */
  public static final String LABEL = "io.cairn.fault-suite";
  private static final Logger LOG = LoggerFactory.getLogger(DockerCluster.class);
  static final String NODE_CTL = "/opt/cairn/bin/node-ctl";

  private final ClusterSpec spec;
  private final Network network;
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  private final Map<String, String> ips = new LinkedHashMap<>();
  private final Map<String, CairnClient> clients = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> bucketProps = new ConcurrentHashMap<>();

  private DockerCluster(ClusterSpec spec) {
    this.spec = spec;
    this.network = Network.builder()
        .createNetworkCmdModifier(cmd -> cmd.withLabels(new HashMap<>(Map.of(LABEL, "true"))))
        .build();
  }

  /** Removes what an earlier, interrupted run left behind, then starts every node in parallel. */
  public static DockerCluster start(ClusterSpec spec) {
    removeLeftovers();
    DockerCluster cluster = new DockerCluster(spec);
    try {
      cluster.startContainers();
      spec.nodes().parallelStream().forEach(cluster::startNode);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  static void removeLeftovers() {
    DockerClient docker = DockerClientFactory.instance().client();
    List<Container> leftovers = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LABEL, "true")).exec();
    for (Container c : leftovers) {
      LOG.info("removing leftover container {}", c.getId());
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
    docker.listNetworksCmd().exec().stream()
        .filter(n -> n.getLabels() != null && "true".equals(n.getLabels().get(LABEL)))
        .forEach(n -> {
          LOG.info("removing leftover network {}", n.getName());
          docker.removeNetworkCmd(n.getId()).exec();
        });
  }

  private void startContainers() {
    for (String node : spec.nodes()) {
      GenericContainer<?> c = new GenericContainer<>(spec.image())
          .withNetwork(network)
          .withNetworkAliases(node)
          .withCreateContainerCmdModifier(cmd -> cmd
              .withHostName(node)
              // --init: the node is not PID 1, so SIGKILL by pid works as on a host;
              // NET_ADMIN: the nemesis partitions with iptables inside the container
              .withHostConfig(cmd.getHostConfig().withInit(true).withCapAdd(Capability.NET_ADMIN)))
          .withLabel(LABEL, "true")
          .withLabel("io.cairn.node", node)
          .withEnv("CAIRN_JAVA_OPTS", spec.javaOpts())
          .withCopyToContainer(Transferable.of(spec.configFor(node)), "/etc/cairn/cairn.yaml")
          .withExposedPorts(ClusterSpec.HTTP_PORT)
          // the container only idles until node-ctl starts the node
          .waitingFor(Wait.forSuccessfulCommand("true"));
      containers.put(node, c);
    }
    Startables.deepStart(containers.values()).join();
    containers.forEach((node, c) -> {
      Map<String, ContainerNetwork> networks = c.getContainerInfo().getNetworkSettings().getNetworks();
      ips.put(node, networks.values().iterator().next().getIpAddress());
      URI base = URI.create("http://" + c.getHost() + ":" + c.getMappedPort(ClusterSpec.HTTP_PORT));
      clients.put(node, new CairnClient(base, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    });
    LOG.info("containers up: {}", ips);
  }

  public List<String> nodes() {
    return spec.nodes();
  }

  public ClusterSpec spec() {
    return spec;
  }

  public String ip(String node) {
    return ips.get(node);
  }

  public CairnClient client(String node) {
    return clients.get(node);
  }

  /**
   * Sets bucket properties on every node, now and after every restart. A node keeps bucket
   * properties in memory until gossip carries them, so a restarted node would otherwise fall
   * back to the defaults — and an lww control bucket would silently turn into a siblings one.
   */
  public void setBucketProps(String bucket, Map<String, Object> props) {
    bucketProps.put(bucket, Map.copyOf(props));
    nodes().parallelStream().forEach(node -> client(node).setProps(bucket, props));
  }

  /** Starts the node process (idempotent), waits until it answers {@code /ready}, re-applies bucket props. */
  public void startNode(String node) {
    nodeCtl(node, "start");
    awaitReady(node);
    bucketProps.forEach((bucket, props) -> client(node).setProps(bucket, props));
  }

  public void awaitReady(String node) {
    CairnClient client = clients.get(node);
    Awaitility.await("node " + node + " ready").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250)).until(client::ready);
  }

  /** Runs {@code node-ctl <args>} in the node's container; fails on a non-zero exit. */
  public String nodeCtl(String node, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = NODE_CTL;
    System.arraycopy(args, 0, cmd, 1, args.length);
    return exec(node, cmd);
  }

  /** Runs a shell command in the node's container; fails on a non-zero exit. */
  public String sh(String node, String script) {
    return exec(node, "sh", "-c", script);
  }

  public String exec(String node, String... cmd) {
    try {
      ExecResult r = containers.get(node).execInContainer(cmd);
      if (r.getExitCode() != 0) {
        throw new IllegalStateException(node + ": " + String.join(" ", cmd) + " exited "
            + r.getExitCode() + ": " + r.getStderr().strip() + " " + r.getStdout().strip());
      }
      return r.getStdout();
    } catch (IOException e) {
      throw new IllegalStateException(node + ": cannot exec " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Copies every node's log into {@code dir} as {@code <node>.log}; best effort. */
  public void collectLogs(Path dir) {
    for (String node : spec.nodes()) {
      try {
        Files.createDirectories(dir);
        containers.get(node).copyFileFromContainer("/var/log/cairn/node.log",
            dir.resolve(node + ".log").toString());
      } catch (Exception e) {
        LOG.warn("no log from {}: {}", node, e.toString());
      }
    }
  }

  @Override
  public void close() {
    containers.values().parallelStream().forEach(c -> {
      try {
        c.stop();
      } catch (RuntimeException e) {
        LOG.warn("stopping a container: {}", e.toString());
      }
    });
    try {
      network.close();
    } catch (RuntimeException e) {
      LOG.warn("removing the network: {}", e.toString());
    }
  }
}
