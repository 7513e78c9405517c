package io.cairn.node;

import io.cairn.node.config.ConfigException;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeConfigLoader;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.identity.ReplicaIdentity;
import io.cairn.storage.identity.ReplicaIdentityStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn-node}: runs one node until it is stopped (SIGTERM/Ctrl-C close it cleanly). */
@Command(
    name = "cairn-node",
    mixinStandardHelpOptions = true,
    version = "cairn 0.1.0-SNAPSHOT",
    description = "Runs one Cairn node.")
public final class Main implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration (see conf/cairn.yaml).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set http.port=8101. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--check", description = "Validate the configuration and exit.")
  boolean check;

  @Option(names = "--new-epoch", description = "Take a new replica epoch before starting: after restoring the whole"
      + " data directory from a backup (see docs/hints-and-identity.md). Give it once, not on every start.")
  boolean newEpoch;

  /**
   * Moves a kept replica identity to a new epoch (a data directory without one gets a new epoch at
   * start anyway); returns what was done, for the operator.
   */
  static String moveToNewEpoch(Path dataDir, NodeId self, Clock clock) {
    Optional<ReplicaIdentity> kept = ReplicaIdentityStore.read(dataDir);
    if (kept.isEmpty()) {
      return "--new-epoch: " + dataDir + " holds no replica identity yet; the node starts under a new epoch anyway";
    }
    if (!kept.get().node().equals(self)) {
      // not ours to touch: the start refuses the foreign data directory
      return "--new-epoch: " + dataDir + " belongs to node '" + kept.get().node() + "'; its identity is left alone";
    }
    ReplicaIdentity identity = ReplicaIdentityStore.bump(dataDir, clock);
    return "--new-epoch: the replica identity in " + dataDir + " moved to epoch " + identity.epoch()
        + "; start without --new-epoch from now on";
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (config != null && !Files.isRegularFile(config)) {
      System.err.println("cairn-node: configuration file " + config + " does not exist");
      return 2;
    }
    NodeConfig nodeConfig;
    try {
      nodeConfig = new NodeConfigLoader().load(Optional.ofNullable(config), System.getenv(), NodeConfigLoader.parseOverrides(overrides));
    } catch (ConfigException e) {
      System.err.println("cairn-node: " + e.getMessage());
      return 2;
    }
    if (check) {
      System.out.println("configuration is valid");
      return 0;
    }
    Clock clock = Clock.systemUTC();
    if (newEpoch) {
      System.err.println("cairn-node: " + moveToNewEpoch(nodeConfig.node().dataDir(), nodeConfig.node().id(), clock));
    }
    NodeRuntime node = NodeRuntime.start(nodeConfig, clock);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "cairn-shutdown"));
    stopped.await();
    return 0;
  }
}
