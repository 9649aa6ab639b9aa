package dev.strongroom.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grant changes read back from an audit log shaped like the API server's. */
class AuditTimingsTest {
  @TempDir Path dir;

  @Test
  void aChangeIsItsPatchAndTheFirstApplyReceivedAfterIt() throws Exception {
    Path log =
        write(
            // The service's creation and its first Deployment: not a grant change.
            event("create", "swarmservices", "", "svc-0", "10:00:00.000000", "10:00:00.010000"),
            event("patch", "deployments", "", "svc-0", "10:00:00.050000", "10:00:00.080000"),
            event("patch", "swarmservices", "status", "svc-0", "10:00:00.090000", "10:00:00.1"),
            // The grant change: acknowledged at .020, the operator's apply received 30 ms later.
            event("patch", "swarmservices", "", "svc-0", "10:00:10.000000", "10:00:10.020000"),
            event("create", "events", "", "svc-0.1", "10:00:10.030000", "10:00:10.040000")
                .replace(
                    "fabric8-kubernetes-client/7.5.2",
                    "kube-controller-manager/v1.36.3 (linux/amd64) kubernetes/f00d"),
            event("patch", "deployments", "", "svc-0", "10:00:10.050000", "10:00:10.095500"),
            // A later apply of the same service is not this change's.
            event("patch", "deployments", "", "svc-0", "10:00:20.000000", "10:00:20.500000"),
            // Another namespace.
            event("patch", "swarmservices", "", "svc-1", "10:00:10.000000", "10:00:10.001000")
                .replace("\"bench\"", "\"other\""),
            // Only answered requests count.
            event("patch", "deployments", "", "svc-0", "10:00:09.000000", "10:00:09.100000")
                .replace("ResponseComplete", "Panic"));

    AuditTimings audit = AuditTimings.read(log, "bench");

    Map<String, AuditTimings.Change> changes = audit.changes(Instant.EPOCH);
    assertThat(changes).containsOnlyKeys("svc-0");
    AuditTimings.Change change = changes.get("svc-0");
    assertThat(change.patch()).isCloseTo(20.0, within(0.001));
    assertThat(change.untilApply()).isCloseTo(30.0, within(0.001));
    assertThat(change.apply()).isCloseTo(45.5, within(0.001));
    assertThat(
            audit.writesByResource(
                Instant.parse("2026-12-03T10:00:05Z"), Instant.parse("2026-12-03T10:00:15Z")))
        .containsExactly(
            entry("deployments by fabric8-kubernetes-client", 1),
            entry("events by kube-controller-manager", 1),
            entry("swarmservices by fabric8-kubernetes-client", 1));
  }

  @Test
  void aLaterPhaseCountsOnlyTheChangesReceivedSinceItBegan() throws Exception {
    Path log =
        write(
            event("patch", "swarmservices", "", "svc-0", "10:00:10.000000", "10:00:10.020000"),
            event("patch", "deployments", "", "svc-0", "10:00:10.050000", "10:00:10.095500"),
            // The second phase changes the same service again.
            event("patch", "swarmservices", "", "svc-0", "10:00:30.000000", "10:00:30.005000"),
            event("patch", "deployments", "", "svc-0", "10:00:30.015000", "10:00:30.025000"));

    Map<String, AuditTimings.Change> changes =
        AuditTimings.read(log, "bench").changes(Instant.parse("2026-12-03T10:00:20Z"));

    assertThat(changes).containsOnlyKeys("svc-0");
    assertThat(changes.get("svc-0").patch()).isCloseTo(5.0, within(0.001));
    assertThat(changes.get("svc-0").untilApply()).isCloseTo(10.0, within(0.001));
    assertThat(changes.get("svc-0").apply()).isCloseTo(10.0, within(0.001));
  }

  private Path write(String... lines) throws Exception {
    return Files.write(dir.resolve("audit.log"), List.of(lines));
  }

  private static String event(
      String verb, String resource, String subresource, String name, String received, String done) {
    String sub = subresource.isEmpty() ? "" : ",\"subresource\":\"" + subresource + "\"";
    return "{\"kind\":\"Event\",\"stage\":\"ResponseComplete\","
        + "\"user\":{\"username\":\"strongroom-admin\"},"
        + "\"userAgent\":\"fabric8-kubernetes-client/7.5.2\",\"verb\":\""
        + verb
        + "\",\"objectRef\":{\"resource\":\""
        + resource
        + "\",\"namespace\":\"bench\",\"name\":\""
        + name
        + "\""
        + sub
        + "},\"requestReceivedTimestamp\":\"2026-12-03T"
        + received
        + "Z\",\"stageTimestamp\":\"2026-12-03T"
        + done
        + "Z\"}";
  }
}
