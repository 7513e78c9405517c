package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node processes; writes with w=2 run while one node is killed with SIGKILL. Every
 * acknowledged write must be readable afterwards (r=2 from the survivors); once the killed node is
 * restarted on its data, hinted handoff brings it every write it missed (checked on its own replica
 * with {@code ?local=true}), and every write reads back through it.
 */
class NodeProcessKillTest {

  @Test
  void everyAcknowledgedWriteSurvivesKillDash9OfANode(@TempDir Path dir) throws Exception {
    try (NodeProcesses nodes = new NodeProcesses(dir, 3)) {
      for (int i = 0; i < 3; i++) {
        nodes.start(i);
      }
      for (int i = 0; i < 3; i++) {
        nodes.awaitReady(i, Duration.ofSeconds(90));
      }
      List<Integer> acked = new ArrayList<>();
      List<Integer> ackedWhileDown = new ArrayList<>();
      int attempts = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      boolean killed = false;
      while (acked.size() < 300 && attempts < 3000 && System.nanoTime() < deadline) {
        if (!killed && acked.size() == 150) {
          nodes.kill(2); // n3, mid-stream
          killed = true;
        }
        int k = attempts++;
        int via = killed ? k % 2 : k % 3;
        try {
          HttpResponse<String> r = nodes.send(via, HttpRequest.newBuilder(nodes.uri(via, "/v1/buckets/kill/keys/k" + k + "?w=2"))
              .PUT(HttpRequest.BodyPublishers.ofString("v" + k)));
          if (r.statusCode() == 204) {
            acked.add(k);
            if (killed) {
              ackedWhileDown.add(k);
            }
          }
        } catch (IOException e) {
          // a request to the killed node or cut by the kill: not acknowledged, not counted
        }
      }
      assertThat(killed).isTrue();
      assertThat(acked.size()).as("writes acknowledged with one node dead").isEqualTo(300);

      for (int k : acked) {
        HttpResponse<String> r = nodes.send(k % 2, HttpRequest.newBuilder(nodes.uri(k % 2, "/v1/buckets/kill/keys/k" + k + "?r=2")).GET());
        assertThat(r.statusCode()).as("acknowledged write k%d", k).isEqualTo(200);
        assertThat(r.body()).isEqualTo("v" + k);
      }

      nodes.start(2); // restart on the same data directory, after an unclean stop
      nodes.awaitReady(2, Duration.ofSeconds(90));
      // hinted handoff: the writes it missed reach its own replica without any read touching them
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        for (int k : ackedWhileDown) {
          HttpResponse<String> r = nodes.send(2, HttpRequest.newBuilder(nodes.uri(2, "/v1/buckets/kill/keys/k" + k + "?local=true")).GET());
          if (r.statusCode() != 200 || !r.body().equals("v" + k)) {
            return false;
          }
        }
        return true;
      });
      for (int k : acked) {
        HttpResponse<String> r = nodes.send(2, HttpRequest.newBuilder(nodes.uri(2, "/v1/buckets/kill/keys/k" + k + "?r=2")).GET());
        assertThat(r.statusCode()).as("acknowledged write k%d read via the restarted node", k).isEqualTo(200);
        assertThat(r.body()).isEqualTo("v" + k);
      }
    }
  }
}
