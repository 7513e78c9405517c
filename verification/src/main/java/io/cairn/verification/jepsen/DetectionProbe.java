package io.cairn.verification.jepsen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Measures when the cluster noticed a partition: polls each node's {@code GET /v1/cluster}, whose
 * members are {@code "up"} or {@code "unreachable"} as that node's failure detector sees them, until
 * every node reports each peer it is cut from as unreachable. Availability is counted from that
 * moment: before it, coordinators still wait on peers they cannot reach, as Dynamo's design accepts.
 * Polling is bounded in time and in count, so a detector that never decides cannot stall the run.
 */
final class DetectionProbe {
  /** The longest a partition is watched for detection. */
  static final Duration BOUND = Duration.ofSeconds(20);
  static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  static final int MAX_POLLS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param complete     every node saw every peer it is cut from as unreachable
   * @param afterMs      node → ms from the partition being in place to its detection
   * @param pending      nodes that had not detected when polling stopped
   * @param polls        rounds of polling
   */
  record Outcome(boolean complete, Map<String, Long> afterMs, List<String> pending, int polls) {
  }

  private final Function<String, String> clusterJson;
  private final LongSupplier nanos;
  private final LongConsumer park;

  /**
   * @param clusterJson node → the body of its {@code GET /v1/cluster} (may throw: the node did not answer)
   * @param nanos       a monotonic clock
   * @param park        waits the given nanoseconds on that clock
   */
  DetectionProbe(Function<String, String> clusterJson, LongSupplier nanos, LongConsumer park) {
    this.clusterJson = clusterJson;
    this.nanos = nanos;
    this.park = park;
  }

  /** Over HTTP, through each node's published port (clients sit outside every partition). */
  static DetectionProbe of(DockerCluster cluster) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    return new DetectionProbe(node -> {
      URI uri = cluster.client(node).base().resolve("/v1/cluster");
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(node + " answered " + response.statusCode());
        }
        return response.body();
      } catch (IOException e) {
        throw new IllegalStateException(node + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }, System::nanoTime, LockSupport::parkNanos);
  }

  /**
   * Polls until every node of {@code grudge} detected its cut peers, {@code deadline} (a
   * {@code nanos} instant) passed, or {@link #MAX_POLLS} rounds were made.
   *
   * @param grudge     node → peers whose packets it drops
   * @param since      when the partition was in place, on {@code nanos}
   */
  Outcome await(Map<String, ? extends Collection<String>> grudge, long since, long deadline) {
    Map<String, Set<String>> expected = expectedUnreachable(grudge);
    Map<String, Long> afterMs = new TreeMap<>();
    int polls = 0;
    while (true) {
      polls++;
      for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
        String node = e.getKey();
        if (afterMs.containsKey(node)) {
          continue;
        }
        if (e.getValue().isEmpty()) {
          afterMs.put(node, 0L);
          continue;
        }
        try {
          if (unreachable(clusterJson.apply(node)).containsAll(e.getValue())) {
            afterMs.put(node, TimeUnit.NANOSECONDS.toMillis(nanos.getAsLong() - since));
          }
        } catch (RuntimeException noAnswer) {
          // a node too busy to answer has not told us anything yet; ask again next round
        }
      }
      boolean complete = afterMs.size() == expected.size();
      if (complete || polls >= MAX_POLLS || nanos.getAsLong() >= deadline) {
        List<String> pending = new ArrayList<>(expected.keySet());
        pending.removeAll(afterMs.keySet());
        return new Outcome(complete, afterMs, pending, polls);
      }
      park.accept(Math.min(POLL_INTERVAL.toNanos(), Math.max(0, deadline - nanos.getAsLong())));
    }
  }

  /** Node → every peer it cannot exchange messages with (either direction dropped). */
  static Map<String, Set<String>> expectedUnreachable(Map<String, ? extends Collection<String>> grudge) {
    Map<String, Set<String>> expected = new TreeMap<>();
    grudge.forEach((node, peers) -> {
      expected.computeIfAbsent(node, n -> new TreeSet<>()).addAll(peers);
      for (String peer : peers) {
        expected.computeIfAbsent(peer, p -> new TreeSet<>()).add(node);
      }
    });
    return expected;
  }

  /** The members a {@code /v1/cluster} body reports as unreachable. */
  static Set<String> unreachable(String clusterJson) {
    try {
      Set<String> unreachable = new TreeSet<>();
      for (JsonNode member : JSON.readTree(clusterJson).path("members")) {
        if ("unreachable".equals(member.path("status").asText())) {
          unreachable.add(member.path("id").asText());
        }
      }
      return unreachable;
    } catch (IOException e) {
      throw new IllegalStateException("not a cluster document: " + e.getMessage(), e);
    }
  }
}
