package dev.strongroom.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A grant change's path through the API server, from its own audit log (timestamps taken by the API
 * server, not by a client): when it acknowledged each service's grant change, when the operator's
 * apply of that service's Deployment arrived and when it was answered. It splits the benchmark's
 * latency into the operator's share (from the acknowledgement to its apply arriving: the watch, the
 * queue, the reconcile up to the apply) and the API server's (the apply itself).
 *
 * <p>The cluster must write the log, in batch mode so that no request waits for its audit line:
 * {@code STRONGROOM_APISERVER_FLAGS="--audit-policy-file=$PWD/e2e/bench-audit-policy.yaml
 * --audit-log-path=F --audit-log-mode=batch" e2e/controlplane/cluster.sh up} on a fresh cluster,
 * then the benchmark with {@code STRONGROOM_KUBECONFIG} set to it and {@code -Dbench.auditLog=F}.
 *
 * <p>A change's apply is the first apply of that Deployment the API server received after it
 * received the change; the operator's share is counted from the change's acknowledgement, so it can
 * be slightly negative when the watch event reached the operator, and its apply the API server,
 * before the API server had finished answering the change.
 */
final class AuditTimings {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request: when the API server received it and when it had answered it. */
  record Request(
      String client,
      String verb,
      String resource,
      String subresource,
      String name,
      Instant received,
      Instant done) {
    double millis() {
      return millisBetween(received, done);
    }
  }

  /** The figures for one service's change. */
  record Change(double patch, double untilApply, double apply) {}

  private final List<Request> requests;

  private AuditTimings(List<Request> requests) {
    this.requests = requests;
  }

  /** The finished write requests in {@code namespace}, oldest first. */
  static AuditTimings read(Path log, String namespace) throws IOException {
    List<Request> requests = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode event = JSON.readTree(line);
        JsonNode object = event.path("objectRef");
        if (!"ResponseComplete".equals(event.path("stage").asText())
            || !namespace.equals(object.path("namespace").asText())) {
          continue;
        }
        requests.add(
            new Request(
                client(event.path("userAgent").asText()),
                event.path("verb").asText(),
                object.path("resource").asText(),
                object.path("subresource").asText(""),
                object.path("name").asText(),
                Instant.parse(event.path("requestReceivedTimestamp").asText()),
                Instant.parse(event.path("stageTimestamp").asText())));
      }
    }
    requests.sort((a, b) -> a.received().compareTo(b.received()));
    return new AuditTimings(requests);
  }

  /**
   * For every service whose grant change (a PATCH of the SwarmService itself) the API server
   * received at or after {@code from} is in the log, the figures of its first such change and of
   * the first Deployment apply of the same name received after it.
   */
  Map<String, Change> changes(Instant from) {
    Map<String, Request> patches = new HashMap<>();
    for (Request r : requests) {
      if (r.verb().equals("patch")
          && r.resource().equals("swarmservices")
          && r.subresource().isEmpty()
          && !r.received().isBefore(from)) {
        patches.putIfAbsent(r.name(), r);
      }
    }
    Map<String, Change> changes = new TreeMap<>();
    for (Request r : requests) {
      Request patch = patches.get(r.name());
      if (r.verb().equals("patch")
          && r.resource().equals("deployments")
          && patch != null
          && !changes.containsKey(r.name())
          && !r.received().isBefore(patch.received())) {
        changes.put(
            r.name(),
            new Change(patch.millis(), millisBetween(patch.done(), r.received()), r.millis()));
      }
    }
    return changes;
  }

  /**
   * How many writes of each resource (and subresource) the API server received in [from, to], by
   * client (the user agent's product: the local cluster's components all use one user): {@code
   * events by kube-controller-manager} are the rollouts', not the operator's.
   */
  Map<String, Integer> writesByResource(Instant from, Instant to) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Request r : requests) {
      if (r.received().isBefore(from) || r.received().isAfter(to)) {
        continue;
      }
      String key =
          (r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource())
              + " by "
              + r.client();
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  /**
   * {@code kube-controller-manager/v1.36.3 (linux/amd64) ...} is {@code kube-controller-manager}.
   */
  private static String client(String userAgent) {
    int slash = userAgent.indexOf('/');
    return slash < 0 ? userAgent : userAgent.substring(0, slash);
  }

  private static double millisBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
