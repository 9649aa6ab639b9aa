package dev.strongroom.e2e;

import static dev.strongroom.e2e.support.Manifests.generated;
import static dev.strongroom.e2e.support.Manifests.grant;
import static dev.strongroom.e2e.support.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.UpdateConfig;
import dev.strongroom.crypto.SealedBox;
import dev.strongroom.crypto.SealingPublicKey;
import dev.strongroom.delivery.CaPublisher;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.Edits;
import dev.strongroom.e2e.support.Manifests;
import dev.strongroom.e2e.support.Metrics;
import dev.strongroom.e2e.support.RunningOperator;
import dev.strongroom.e2e.support.ServiceState;
import dev.strongroom.e2e.support.TestNamespace;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.StoredService;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operator reconciles SwarmSecrets and SwarmServices on a real control plane. */
@ExtendWith(ControlPlane.class)
class OperatorIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path stateDir;
  private static KubernetesClient client;
  private static RunningOperator operator;
  private TestNamespace namespace;
  private String ns;

  @BeforeAll
  static void startOperator(KubernetesClient kubernetes) {
    client = kubernetes;
    operator = RunningOperator.start(client, stateDir);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  @BeforeEach
  void namespace() {
    namespace = new TestNamespace(client, "operator");
    ns = namespace.name();
  }

  @AfterEach
  void cleanUp() {
    namespace.close();
  }

  @Test
  void serviceWithTwoSecretsBecomesReadyWithTheDeploymentShapedAsDesigned() {
    create(generated("psql-password", "psql_password"));
    client
        .resource(Manifests.kubernetesSecret("legacy", "api-key", "from-a-kubernetes-secret"))
        .inNamespace(ns)
        .create();
    create(Manifests.fromSecret("api-key", "legacy", "api-key"));
    create(service("psql", 2, grant("psql_password"), grant("api-key", "key", "999", 0400)));

    SwarmService ready =
        awaitService(
            "psql",
            s ->
                isTrue(
                    s.getStatus() == null ? null : s.getStatus().getConditions(),
                    Conditions.READY));

    assertThat(ready.getStatus().getGrantRevision()).isEqualTo(1);
    assertThat(ready.getStatus().getSecretCount()).isEqualTo(2);
    assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getGrants())
        .extracting(
            g -> g.getSecret() + "@" + g.getVersion() + "->" + g.getTarget() + ":" + g.getMode())
        .containsExactly("psql-password@1->psql_password:292", "api-key@1->key:256");
    assertThat(ready.getStatus().getConditions())
        .extracting(Condition::getType, Condition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Conditions.SECRETS_RESOLVED, "True"),
            org.assertj.core.groups.Tuple.tuple(Conditions.PROGRESSING, "False"),
            org.assertj.core.groups.Tuple.tuple(Conditions.DEGRADED, "False"));

    Deployment deployment = deployment("psql");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(StrongroomApi.GRANT_REVISION_ANNOTATION, "1");
    assertThat(deployment.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("SwarmService"));
    Volume secrets = volume(pod, "strongroom-secrets");
    assertThat(secrets.getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(secrets.getEmptyDir().getSizeLimit().getNumericalAmount().longValue())
        .isGreaterThan(2 * 4096);
    assertThat(volume(pod, "strongroom-token").getProjected().getSources())
        .anySatisfy(
            s -> assertThat(s.getServiceAccountToken().getAudience()).isEqualTo("strongroom"));
    assertThat(pod.getContainers())
        .hasSize(2)
        .allSatisfy(
            c ->
                assertThat(c.getVolumeMounts())
                    .anySatisfy(
                        m -> {
                          assertThat(m.getMountPath()).isEqualTo("/run/secrets");
                          assertThat(m.getReadOnly()).isTrue();
                        }));
    Container agent = pod.getInitContainers().get(0);
    assertThat(agent.getName()).isEqualTo("strongroom-agent");
    assertThat(agent.getImage()).isEqualTo(RunningOperator.AGENT_IMAGE);
    assertThat(agent.getCommand())
        .containsExactly(
            "java",
            "-XX:SharedArchiveFile=/opt/strongroom/strongroom-agent.jsa",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:CICompilerCount=1",
            "-Djdk.tls.namedGroups=secp256r1",
            "-jar",
            "/opt/strongroom/strongroom-agent.jar");
    assertThat(agent.getArgs()).startsWith("--dir=/run/secrets");

    SwarmSecret secret = fetchSecret("psql-password");
    assertThat(secret.getStatus().getVersion()).isEqualTo(1);
    assertThat(secret.getStatus().getUsedBy()).containsExactly("psql");
    assertThat(isTrue(secret.getStatus().getConditions(), Conditions.IN_USE)).isTrue();
  }

  @Test
  void secretAddAndSecretRmEachRollExactlyOnce() {
    create(generated("a", null));
    create(generated("b", null));
    create(service("web", 2, grant("a")));
    awaitRevisionReady("web", 1);

    addGrant("web", "b");
    awaitRevisionReady("web", 2);
    assertThat(replicaSetRevisions("web")).containsExactlyInAnyOrder("1", "2");

    Edits.edit(
        client,
        SwarmService.class,
        ns,
        "web",
        s -> {
          s.getSpec().getSecrets().removeIf(g -> g.getSource().equals("a"));
          return s;
        });
    SwarmService after = awaitRevisionReady("web", 3);
    assertThat(after.getStatus().getGrants()).extracting(g -> g.getSecret()).containsExactly("b");
    assertThat(replicaSetRevisions("web")).containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void rotatingASealedValueRollsEveryServiceThatGrantsItAndNoOther() throws Exception {
    SealingPublicKey key = publicKey();
    create(Manifests.sealed("db-password", seal(key, "db-password", "first")));
    create(generated("other", null));
    create(service("api", 1, grant("db-password")));
    create(service("worker", 1, grant("db-password", "pw", "0", 0400)));
    create(service("cache", 1, grant("other")));
    for (String s : List.of("api", "worker", "cache")) {
      awaitRevisionReady(s, 1);
    }

    String rotated = seal(key, "db-password", "second");
    reseal("db-password", rotated);

    awaitRevisionReady("api", 2);
    awaitRevisionReady("worker", 2);
    assertThat(fetchSecret("db-password").getStatus().getVersion()).isEqualTo(2);
    assertThat(fetchService("cache").getStatus().getGrantRevision()).isEqualTo(1);
    assertThat(replicaSetRevisions("cache")).containsExactly("1");
  }

  @Test
  void resealingTheSameValueAddsNoVersionAndRollsNothing() throws Exception {
    SealingPublicKey key = publicKey();
    create(Manifests.sealed("token", seal(key, "token", "unchanged")));
    create(service("api", 1, grant("token")));
    awaitRevisionReady("api", 1);

    String resealed = seal(key, "token", "unchanged");
    SwarmSecret edited = reseal("token", resealed);
    awaitSecret(
        "token",
        s ->
            s.getStatus() != null
                && edited
                    .getMetadata()
                    .getGeneration()
                    .equals(s.getStatus().getObservedGeneration()));

    assertThat(fetchSecret("token").getStatus().getVersion()).isEqualTo(1);
    assertThat(fetchService("api").getStatus().getGrantRevision()).isEqualTo(1);
    assertThat(replicaSetRevisions("api")).containsExactly("1");
  }

  @Test
  void missingSecretBlocksTheServiceThenItHealsByItself() {
    create(service("late", 1, grant("not_yet")));
    SwarmService blocked =
        awaitService("late", s -> reason(s, Conditions.SECRETS_RESOLVED).equals("SecretNotFound"));
    assertThat(condition(blocked, Conditions.SECRETS_RESOLVED).getMessage())
        .contains("secret 'not_yet' not found");
    assertThat(client.apps().deployments().inNamespace(ns).withName("late").get()).isNull();

    create(generated("not-yet", "not_yet"));
    awaitRevisionReady("late", 1);
  }

  @Test
  void aDeploymentTheApiServerRejectsIsReportedOnTheServiceAndHealsOnceFixed() {
    create(generated("key", null));
    SwarmService bad = service("bad", 1, grant("key"));
    // The CRD keeps a Deployment's template schema loose; the API server's Deployment validation
    // refuses a container name that is not a DNS label.
    bad.getSpec().getTemplate().getSpec().getContainers().get(0).setName("Not_A_Label");
    create(bad);

    SwarmService rejected =
        awaitService("bad", s -> reason(s, Conditions.READY).equals("DeploymentRejected"));
    assertThat(condition(rejected, Conditions.READY).getMessage())
        .startsWith("the API server rejected the service's Deployment: ")
        .contains("Not_A_Label");
    assertThat(reason(rejected, Conditions.DEGRADED)).isEqualTo("DeploymentRejected");
    await("a DeploymentRejected Event on the service")
        .atMost(TIMEOUT)
        .until(
            () ->
                client.v1().events().inNamespace(ns).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "bad".equals(e.getInvolvedObject().getName())
                                && "DeploymentRejected".equals(e.getReason())
                                && "Warning".equals(e.getType())));
    assertThat(deployment("bad")).isNull();

    Edits.edit(
        client,
        SwarmService.class,
        ns,
        "bad",
        s -> {
          s.getSpec().getTemplate().getSpec().getContainers().get(0).setName("app");
          return s;
        });
    SwarmService healed = awaitRevisionReady("bad", 1);
    assertThat(reason(healed, Conditions.DEGRADED)).isEqualTo("Available");
  }

  @Test
  void deletingAnInUseSecretIsHeldWithSwarmsMessageUntilNoServiceGrantsIt() {
    create(generated("psql-password", "psql_password"));
    create(service("psql", 1, grant("psql_password")));
    awaitRevisionReady("psql", 1);

    client.resources(SwarmSecret.class).inNamespace(ns).withName("psql-password").delete();
    SwarmSecret held =
        awaitSecret(
            "psql-password",
            s ->
                reason(
                        s.getStatus() == null ? null : s.getStatus().getConditions(),
                        Conditions.IN_USE)
                    .equals("DeletionBlockedInUse"));
    assertThat(conditionOf(held.getStatus().getConditions(), Conditions.IN_USE).getMessage())
        .isEqualTo("secret 'psql_password' is in use by the following service: psql");

    Edits.edit(
        client,
        SwarmService.class,
        ns,
        "psql",
        s -> {
          s.getSpec().getSecrets().clear();
          return s;
        });
    await("secret deleted")
        .atMost(TIMEOUT)
        .until(
            () ->
                client.resources(SwarmSecret.class).inNamespace(ns).withName("psql-password").get()
                    == null);
  }

  @Test
  void unusableValuesEachGiveTheirReason() throws Exception {
    SealingPublicKey key = publicKey();
    create(Manifests.sealed("garbage", Base64.getEncoder().encodeToString(new byte[64])));
    create(Manifests.sealed("copied", seal(key, "original", "value")));
    client
        .resource(Manifests.kubernetesSecret("huge", "v", new byte[600 * 1024]))
        .inNamespace(ns)
        .create();
    create(Manifests.fromSecret("too-large", "huge", "v"));
    create(Manifests.fromSecret("missing", "nowhere", "v"));

    assertThat(awaitReadyReason("garbage")).isEqualTo("SealedValueUnopenable");
    assertThat(awaitReadyReason("copied")).isEqualTo("SealedValueUnopenable");
    assertThat(awaitReadyReason("too-large")).isEqualTo("ValueTooLarge");
    assertThat(awaitReadyReason("missing")).isEqualTo("KubernetesSecretNotFound");
    assertThat(
            conditionOf(fetchSecret("copied").getStatus().getConditions(), Conditions.READY)
                .getMessage())
        .contains("sealed for another namespace or name");
    assertThat(fetchSecret("copied").getStatus().getVersion()).isNull();
  }

  @Test
  void aNamespaceDeletedAndCreatedAgainUnderItsNameGetsTheCaBundleAgain() {
    create(generated("token", null));
    create(service("web", 1, grant("token")));
    awaitRevisionReady("web", 1);
    assertThat(caBundleIn(ns)).isNotNull();

    namespace.deleteAndAwait(TIMEOUT);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    create(generated("token", null));
    create(service("web", 1, grant("token")));
    // Revision 1 again once the sweeper has forgotten the first namespace's web, else 2.
    awaitReady("web");

    // The operator had published the bundle under this name before; the new namespace had none,
    // and its pods mount it.
    assertThat(caBundleIn(ns)).isNotNull();
  }

  @Test
  void aDeletedServiceIsForgottenByTheStoreAndStartsOverWhenCreatedAgain() {
    webAtRevisionTwo();
    create(service("api", 1, grant("token")));
    awaitRevisionReady("api", 1);
    SecretStore store = operator.store();

    client.resources(SwarmService.class).inNamespace(ns).withName("web").delete();

    await("the store forgets web's revisions")
        .atMost(TIMEOUT)
        .until(() -> store.readLatestGrantRevision(ns, "web").isEmpty());
    assertThat(store.listServices())
        .filteredOn(s -> s.namespace().equals(ns))
        .extracting(StoredService::service)
        .as("a service that exists keeps its revisions")
        .containsExactly("api");
    create(service("web", 1, grant("token")));
    SwarmService again = awaitRevisionReady("web", 1);
    assertThat(again.getStatus().getGrants())
        .extracting(g -> g.getSecret())
        .containsExactly("token");
    assertThat(store.readLatestGrantRevision(ns, "web").orElseThrow().serviceUid())
        .isEqualTo(again.getMetadata().getUid());
  }

  @Test
  void aServiceCreatedAgainBeforeTheSweepNeverTakesTheDeletedOnesRevision() {
    webAtRevisionTwo();
    client.resources(SwarmService.class).inNamespace(ns).withName("web").delete();
    await("web deleted").atMost(TIMEOUT).until(() -> fetchService("web") == null);

    // The same grants as revision 2, whether or not the sweep forgot the old web first.
    create(service("web", 1, grant("token"), grant("extra")));
    SwarmService again = awaitReady("web");

    assertThat(again.getStatus().getGrantRevision())
        .as("1 when forgotten first, 3 when recorded anew; never the deleted web's 2")
        .isNotEqualTo(2);
    assertThat(
            operator
                .store()
                .readGrantRevision(ns, "web", again.getStatus().getGrantRevision())
                .orElseThrow()
                .serviceUid())
        .isEqualTo(again.getMetadata().getUid());
  }

  @Test
  void aServiceKeepsItsNewestTenRevisionsAndARotatedSecretOnlyTheValuesTheyName() throws Exception {
    SealingPublicKey key = publicKey();
    create(Manifests.sealed("db-password", seal(key, "db-password", "value 1")));
    create(service("api", 1, grant("db-password")));
    awaitRevisionReady("api", 1);

    for (int v = 2; v <= 12; v++) {
      String rotated = seal(key, "db-password", "value " + v);
      reseal("db-password", rotated);
      awaitRevision("api", v);
    }

    SecretStore store = operator.store();
    assertThat(store.listServices())
        .filteredOn(s -> s.namespace().equals(ns))
        .containsExactly(new StoredService(ns, "api", 3, 12, 10));
    assertThat(store.listSecrets(ns))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.versions())
                    .as("versions 1 and 2 went with revisions 1 and 2")
                    .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    awaitRevisionReady("api", 12);
  }

  @Test
  void restartingTheOperatorMidRolloutAddsNoRolloutAndLosesNoVersion() {
    create(generated("token", null));
    create(service("api", 3, grant("token")));
    awaitRevisionReady("api", 1);
    create(generated("extra", null));
    addGrant("api", "extra");
    awaitRevision("api", 2);
    double secretLists = apiServerLists("swarmsecrets");

    operator.restart();

    // One informer per kind serves both controllers: the SwarmSecrets, the largest list of a
    // restart, are listed once (nothing else here lists them).
    assertThat(apiServerLists("swarmsecrets") - secretLists)
        .as("LISTs of SwarmSecrets by the restarted operator")
        .isEqualTo(1);

    SwarmService after = awaitRevisionReady("api", 2);
    assertThat(after.getStatus().getGrants()).extracting(g -> g.getVersion()).containsOnly(1L);
    assertThat(replicaSetRevisions("api")).containsExactlyInAnyOrder("1", "2");
    assertThat(fetchSecret("token").getStatus().getVersion()).isEqualTo(1);
    assertThat(fetchSecret("extra").getStatus().getVersion()).isEqualTo(1);
  }

  @Test
  void failedRolloutRollsBackToThePreviousGrantRevision() {
    // New pods of revision 2 cannot be scheduled once the nodes lose this label.
    String label = "strongroom.test/" + ns;
    labelNodes(label, "yes");
    try {
      create(generated("a", null));
      create(generated("b", null));
      SwarmService fragile = service("fragile", 2, grant("a"));
      fragile.getSpec().getTemplate().getSpec().setNodeSelector(Map.of(label, "yes"));
      fragile.getSpec().getUpdate().setOrder(UpdateConfig.Order.START_FIRST);
      fragile.getSpec().getUpdate().setParallelism(1);
      fragile.getSpec().getUpdate().setFailureAction(UpdateConfig.FailureAction.ROLLBACK);
      fragile.getSpec().getUpdate().setProgressDeadline("3s");
      create(fragile);
      awaitRevisionReady("fragile", 1);

      labelNodes(label, null);
      addGrant("fragile", "b");

      SwarmService rolledBack =
          awaitService(
              "fragile",
              s ->
                  Long.valueOf(2).equals(s.getStatus().getFailedGrantRevision())
                      && isTrue(s.getStatus().getConditions(), Conditions.READY));
      assertThat(rolledBack.getStatus().getGrantRevision()).isEqualTo(1);
      assertThat(rolledBack.getStatus().getGrants())
          .extracting(g -> g.getSecret())
          .containsExactly("a");
      assertThat(reason(rolledBack, Conditions.DEGRADED)).isEqualTo("RolledBack");
      assertThat(deployment("fragile").getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry(StrongroomApi.GRANT_REVISION_ANNOTATION, "1");
      // Back on the very ReplicaSet of revision 1: the rolled-back template is the same one.
      assertThat(
              client
                  .apps()
                  .replicaSets()
                  .inNamespace(ns)
                  .withLabel(StrongroomApi.SERVICE_LABEL, "fragile")
                  .list()
                  .getItems())
          .hasSize(2);
    } finally {
      labelNodes(label, null);
    }
  }

  private void labelNodes(String key, String value) {
    // A merge patch carries no resourceVersion, so kwok's heartbeats cannot conflict with it.
    String patch =
        "{\"metadata\":{\"labels\":{\""
            + key
            + "\":"
            + (value == null ? "null" : "\"" + value + "\"")
            + "}}}";
    for (var node : client.nodes().withLabel("type", "kwok").list().getItems()) {
      client
          .nodes()
          .withName(node.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
  }

  @Test
  void servesReadinessAndMetricsWithBoundedTagsAndNoSecretMaterial() throws Exception {
    create(generated("metrics-secret", null));
    create(service("metrics-service", 1, grant("metrics-secret")));
    awaitRevisionReady("metrics-service", 1);
    HttpClient http = HttpClient.newHttpClient();

    assertThat(get(http, "/healthz").statusCode()).isEqualTo(200);
    await("ready").atMost(TIMEOUT).until(() -> get(http, "/readyz").statusCode() == 200);
    String metrics = Metrics.scrape(operator.healthPort());

    assertThat(metrics)
        .contains(
            "strongroom_secret_versions_total",
            "strongroom_grant_revisions_recorded_total",
            "strongroom_rollouts_started_total",
            "strongroom_rollouts_finished_total{reason=\"RolloutComplete\"}",
            "strongroom_store_commit_seconds_count",
            "strongroom_store_leader 1.0",
            "operator_sdk_reconciliations_started_total")
        .doesNotContain(ns, "metrics-secret", "metrics-service");
    // What the store holds, from this replica's state: at least this test's objects.
    for (String held :
        List.of(
            "strongroom_store_secrets ",
            "strongroom_store_secret_versions ",
            "strongroom_store_services ",
            "strongroom_store_grant_revisions ")) {
      assertThat(Metrics.sum(metrics, held)).as(held).isGreaterThanOrEqualTo(1);
    }
    assertThat(Metrics.sum(metrics, "strongroom_store_value_bytes "))
        .as("the generated value of 24 characters (Manifests.generated) at least")
        .isGreaterThanOrEqualTo(24);
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.healthPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // --- helpers ---

  /** Gives the sealed SwarmSecret {@code name} another sealed value; returns it as updated. */
  private SwarmSecret reseal(String name, String envelope) {
    return Edits.edit(
        client,
        SwarmSecret.class,
        ns,
        name,
        s -> {
          s.getSpec().getSource().getSealed().setData(envelope);
          return s;
        });
  }

  /**
   * The LISTs of {@code resource} across all namespaces the API server answered so far (its own
   * counter): an informer's. The namespace controller lists each kind in a namespace being deleted.
   */
  private double apiServerLists(String resource) {
    return Metrics.sum(
        client.raw("/metrics"),
        "apiserver_request_total{",
        "resource=\"" + resource + "\"",
        "scope=\"cluster\"",
        "verb=\"LIST\"");
  }

  /** Grants {@code secret} to {@code service} as well (Swarm's --secret-add). */
  private void addGrant(String service, String secret) {
    Edits.edit(
        client,
        SwarmService.class,
        ns,
        service,
        s -> {
          s.getSpec().getSecrets().add(grant(secret));
          return s;
        });
  }

  /** Secrets token and extra, and web granted token at revision 1, then both at revision 2. */
  private void webAtRevisionTwo() {
    create(generated("token", null));
    create(generated("extra", null));
    create(service("web", 1, grant("token")));
    awaitRevisionReady("web", 1);
    addGrant("web", "extra");
    awaitRevisionReady("web", 2);
  }

  private void create(io.fabric8.kubernetes.api.model.HasMetadata object) {
    client.resource(object).inNamespace(ns).create();
  }

  private SwarmService awaitRevisionReady(String name, long revision) {
    return ServiceState.awaitRevisionReady(client, ns, name, revision, TIMEOUT);
  }

  /** Waits until the service is Ready, at whatever revision. */
  private SwarmService awaitReady(String name) {
    return awaitService(
        name,
        s -> s.getStatus() != null && isTrue(s.getStatus().getConditions(), Conditions.READY));
  }

  /** Waits until the service's status names {@code revision}, Ready or not. */
  private SwarmService awaitRevision(String name, long revision) {
    return awaitService(
        name,
        s ->
            s.getStatus() != null
                && Long.valueOf(revision).equals(s.getStatus().getGrantRevision()));
  }

  private SwarmService awaitService(String name, Predicate<SwarmService> done) {
    return ServiceState.awaitService(client, ns, name, TIMEOUT, done);
  }

  private SwarmSecret awaitSecret(String name, Predicate<SwarmSecret> done) {
    return await(name + " in " + ns)
        .atMost(TIMEOUT)
        .until(() -> fetchSecret(name), s -> s != null && done.test(s));
  }

  private String awaitReadyReason(String name) {
    SwarmSecret secret =
        awaitSecret(
            name,
            s ->
                s.getStatus() != null
                    && !reason(s.getStatus().getConditions(), Conditions.READY).isEmpty());
    return reason(secret.getStatus().getConditions(), Conditions.READY);
  }

  private SwarmService fetchService(String name) {
    return client.resources(SwarmService.class).inNamespace(ns).withName(name).get();
  }

  private SwarmSecret fetchSecret(String name) {
    return client.resources(SwarmSecret.class).inNamespace(ns).withName(name).get();
  }

  private String caBundleIn(String namespace) {
    ConfigMap map =
        client.configMaps().inNamespace(namespace).withName(CaPublisher.CONFIG_MAP).get();
    return map == null ? null : map.getData().get(CaPublisher.KEY);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private List<String> replicaSetRevisions(String service) {
    return ServiceState.replicaSetRevisions(client, ns, service);
  }

  private SealingPublicKey publicKey() {
    Map<String, String> data =
        client
            .configMaps()
            .inNamespace(RunningOperator.NAMESPACE)
            .withName("strongroom-sealing-key")
            .get()
            .getData();
    return SealingPublicKey.fromBase64(data.get("public-key"));
  }

  private String seal(SealingPublicKey key, String name, String value) {
    byte[] envelope =
        SealedBox.seal(key, ns, name, value.getBytes(StandardCharsets.UTF_8), new SecureRandom());
    return Base64.getEncoder().encodeToString(envelope);
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Condition condition(SwarmService service, String type) {
    return conditionOf(service.getStatus().getConditions(), type);
  }

  private static Condition conditionOf(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static String reason(SwarmService service, String type) {
    return reason(service.getStatus() == null ? null : service.getStatus().getConditions(), type);
  }

  private static String reason(List<Condition> conditions, String type) {
    return conditions == null
        ? ""
        : conditions.stream()
            .filter(c -> c.getType().equals(type))
            .map(Condition::getReason)
            .findFirst()
            .orElse("");
  }

  private static boolean isTrue(List<Condition> conditions, String type) {
    return ServiceState.isTrue(conditions, type);
  }
}
