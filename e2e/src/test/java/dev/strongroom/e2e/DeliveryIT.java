package dev.strongroom.e2e;

import static dev.strongroom.e2e.support.Manifests.grant;
import static dev.strongroom.e2e.support.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.UpdateConfig;
import dev.strongroom.cli.TempTrees;
import dev.strongroom.delivery.CaPublisher;
import dev.strongroom.e2e.support.AgentRun;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.Edits;
import dev.strongroom.e2e.support.Manifests;
import dev.strongroom.e2e.support.Metrics;
import dev.strongroom.e2e.support.RunningOperator;
import dev.strongroom.e2e.support.TestNamespace;
import dev.strongroom.e2e.support.Tokens;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret delivery on a real control plane: real pod-bound tokens (TokenRequest), real TokenReviews,
 * real owner chains; the agent runs as a process or through its entry point in this JVM, writing to
 * tmpfs under /dev/shm. Pods on kwok nodes run no containers, so the test plays the kubelet's part:
 * it asks for the pod's token and starts the agent.
 */
@ExtendWith(ControlPlane.class)
class DeliveryIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path stateDir;
  private static KubernetesClient client;
  private static RunningOperator operator;
  private static Tokens tokens;
  private final List<TestNamespace> namespaces = new ArrayList<>();
  private Path work;
  private String ns;

  @BeforeAll
  static void startOperator(KubernetesClient kubernetes) {
    client = kubernetes;
    tokens = new Tokens(client);
    operator = RunningOperator.start(client, stateDir);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  @BeforeEach
  void setUp() {
    ns = namespace("delivery");
    work = AgentRun.tmpfsDir("strongroom-it-");
  }

  @AfterEach
  void cleanUp() throws IOException {
    namespaces.forEach(TestNamespace::close);
    TempTrees.deleteTree(work);
  }

  @Test
  void theAgentProcessWritesEachGrantedFileWithItsContentModeAndOwner() {
    secret(ns, "db", "s3cr3t-db");
    secret(ns, "api", "api-key-value");
    create(
        ns,
        service(
            "web", 1, grant("db", "db_password", "999", 0400), grant("api", "api", "1000", 0440)));
    Pod pod = awaitPods(ns, "web", 1, 1).get(0);

    // The CA reaches the pod through the ConfigMap in its own namespace: use exactly that. It is
    // published before the Deployment is applied, so it is there as soon as the pod is.
    ConfigMap published =
        client.configMaps().inNamespace(ns).withName(CaPublisher.CONFIG_MAP).get();
    assertThat(published).as("strongroom-ca in the pod's namespace").isNotNull();
    String ca = published.getData().get(CaPublisher.KEY);
    assertThat(ca).isEqualTo(operator.deliveryCaBundle());
    assertThat(awaitCaConfigMap(RunningOperator.NAMESPACE)).isEqualTo(ca);

    AgentRun.Result result =
        new AgentRun(work, operator.deliveryPort(), ca)
            .asProcess(tokens.boundTo(pod, StrongroomApi.TOKEN_AUDIENCE), "30s");

    assertThat(result.exit()).as(result.line()).isZero();
    assertThat(result.line()).startsWith("strongroom agent: wrote 2 secret file(s)");
    assertThat(result.files())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("db_password", "s3cr3t-db", "api", "api-key-value"));
    assertThat(result.owner("db_password")).isEqualTo("r-------- 999 999");
    assertThat(result.owner("api")).isEqualTo("r--r----- 1000 1000");
    assertThat(result.dir().resolve("kubernetes.io/serviceaccount")).isEmptyDirectory();
  }

  @Test
  void aPodTheWatchHasSeenIsServedWithoutAnApiRead() {
    secret(ns, "db", "watched-db");
    create(ns, service("web", 1, grant("db")));
    Pod pod = awaitPods(ns, "web", 1, 1).get(0);
    AgentRun agents = new AgentRun(work, operator.deliveryPort(), operator.deliveryCaBundle());
    String token = tokens.boundTo(pod, StrongroomApi.TOKEN_AUDIENCE);
    double before = podReads("watch");
    // The watch keeps only UID, annotations and owner references: served means they were enough.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              AgentRun.Result result = agents.inProcess(token, "5s");
              assertThat(result.exit()).as(result.line()).isZero();
              assertThat(result.files()).containsExactlyEntriesOf(Map.of("db", "watched-db"));
              assertThat(podReads("watch")).isGreaterThan(before);
            });
  }

  @Test
  void everyGrantedPairIsServedAndEveryOtherRefused() throws Exception {
    String other = namespace("delivery-other");
    secret(ns, "db", "a-db");
    secret(ns, "api", "a-api");
    secret(other, "db", "b-db");
    create(ns, service("web", 1, grant("db")));
    create(ns, service("worker", 1, grant("api")));
    create(other, service("web", 1, grant("db")));
    Pod standalone = standalonePod(ns, "debug");
    Pod web = awaitPods(ns, "web", 1, 1).get(0);
    Pod worker = awaitPods(ns, "worker", 1, 1).get(0);
    Pod otherWeb = awaitPods(other, "web", 1, 1).get(0);
    AgentRun agents = new AgentRun(work, operator.deliveryPort(), operator.deliveryCaBundle());

    // Served: each pod exactly its own service's grants, in its own namespace.
    assertServed(agents, web, Map.of("db", "a-db"));
    assertServed(agents, worker, Map.of("api", "a-api"));
    assertServed(agents, otherWeb, Map.of("db", "b-db"));

    // Refused: everything else.
    String webToken = tokens.boundTo(web, StrongroomApi.TOKEN_AUDIENCE);
    assertRefused(
        agents.inProcess(tokens.boundTo(standalone, StrongroomApi.TOKEN_AUDIENCE), "5s"),
        403,
        "the pod does not belong to a SwarmService");
    assertRefused(
        agents.inProcess(tokens.unbound(ns, StrongroomApi.TOKEN_AUDIENCE), "5s"),
        403,
        "token is not bound to a pod");
    assertRefused(agents.inProcess(tokens.boundTo(web, "another-audience"), "5s"), 401, "token");
    assertRefused(agents.inProcess(forgedSignature(webToken), "5s"), 401, "token");
    assertRefused(agents.inProcess(forgedPayload(webToken, otherWeb), "5s"), 401, "token");
    assertThat(postWithoutToken()).isEqualTo(401);

    // A deleted pod: a token the endpoint already knows is refused once its pod watch has seen the
    // deletion (milliseconds; the agent is asked again until then), a token it never saw is refused
    // by the API server's own review (the bound pod is gone).
    String seen = tokens.boundTo(worker, StrongroomApi.TOKEN_AUDIENCE);
    String unseen = tokens.boundTo(worker, StrongroomApi.TOKEN_AUDIENCE);
    assertThat(agents.inProcess(seen, "5s").exit()).isZero();
    client
        .pods()
        .inNamespace(ns)
        .withName(worker.getMetadata().getName())
        .withGracePeriod(0)
        .delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.pods().inNamespace(ns).withName(worker.getMetadata().getName()).get()
                    == null);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertRefused(
                    agents.inProcess(seen, "5s"), 403, "the token's pod no longer exists"));
    assertRefused(agents.inProcess(unseen, "5s"), 401, "token");
  }

  @Test
  void aPodOfAnOlderRevisionGetsWhatItsRevisionGrantedAfterASecretRm() {
    secret(ns, "db", "db-value");
    secret(ns, "api", "api-value");
    SwarmService slow = service("web", 1, grant("db"), grant("api"));
    // start-first with a long monitor: the old pod stays while the new one is watched.
    UpdateConfig update = slow.getSpec().getUpdate();
    update.setOrder(UpdateConfig.Order.START_FIRST);
    update.setParallelism(1);
    update.setMonitor("300s");
    create(ns, slow);
    Pod old = awaitPods(ns, "web", 1, 1).get(0);

    Edits.edit(
        client,
        SwarmService.class,
        ns,
        "web",
        s -> {
          s.getSpec().getSecrets().removeIf(g -> g.getSource().equals("api"));
          return s;
        });
    Pod current = awaitPods(ns, "web", 2, 1).get(0);
    assertThat(client.pods().inNamespace(ns).withName(old.getMetadata().getName()).get())
        .isNotNull();

    AgentRun agents = new AgentRun(work, operator.deliveryPort(), operator.deliveryCaBundle());
    assertServed(agents, old, Map.of("db", "db-value", "api", "api-value"));
    assertServed(agents, current, Map.of("db", "db-value"));
  }

  @Test
  void aBurstOf200AgentsAllSucceed() throws Exception {
    Map<String, String> expected = new java.util.TreeMap<>();
    List<dev.strongroom.api.SecretGrant> grants = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      secret(ns, "s" + i, "value-" + i);
      grants.add(grant("s" + i));
      expected.put("s" + i, "value-" + i);
    }
    create(ns, service("burst", 4, grants.toArray(dev.strongroom.api.SecretGrant[]::new)));
    List<Pod> pods = awaitPods(ns, "burst", 1, 4);
    List<String> burstTokens = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      burstTokens.add(tokens.boundTo(pods.get(i % pods.size()), StrongroomApi.TOKEN_AUDIENCE));
    }
    AgentRun agents = new AgentRun(work, operator.deliveryPort(), operator.deliveryCaBundle());

    // In-process agents (their real entry point), released together: 200 fresh tokens at once.
    ExecutorService pool = Executors.newFixedThreadPool(200);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<CompletableFuture<AgentRun.Result>> runs = new ArrayList<>();
      for (String token : burstTokens) {
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return agents.inProcess(token, "60s");
                },
                pool));
      }
      go.countDown();
      for (CompletableFuture<AgentRun.Result> run : runs) {
        AgentRun.Result result = run.get();
        assertThat(result.exit()).as(result.line()).isZero();
        assertThat(result.files()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertServed(AgentRun agents, Pod pod, Map<String, String> files) {
    AgentRun.Result result =
        agents.inProcess(tokens.boundTo(pod, StrongroomApi.TOKEN_AUDIENCE), "10s");
    assertThat(result.exit()).as(result.line()).isZero();
    assertThat(result.files()).isEqualTo(new java.util.TreeMap<>(files));
  }

  /** {@code strongroom_delivery_pod_reads_total{source}} from the operator's /metrics. */
  private static double podReads(String source) {
    return Metrics.sum(
        Metrics.scrape(operator.healthPort()),
        "strongroom_delivery_pod_reads_total{",
        "source=\"" + source + "\"");
  }

  private static void assertRefused(AgentRun.Result result, int status, String reason) {
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.line())
        .startsWith("strongroom agent: delivery refused (" + status + "): ")
        .contains(reason);
    assertThat(result.files()).isEmpty();
  }

  private int postWithoutToken() throws Exception {
    Path ca = work.resolve("ca.crt");
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(dev.strongroom.agent.DeliveryClient.trusting(ca))
            .build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + operator.deliveryPort() + "/v1/deliveries"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /** The token with its signature's bytes changed. */
  private static String forgedSignature(String token) {
    int dot = token.lastIndexOf('.');
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    signature[signature.length / 2] ^= 1;
    return token.substring(0, dot + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  /** The token with its payload rewritten to name another pod, signature kept. */
  private static String forgedPayload(String token, Pod other) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged =
        payload.replaceAll(
            "\"namespace\":\"[^\"]+\"",
            "\"namespace\":\"" + other.getMetadata().getNamespace() + "\"");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(forged.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  private String namespace(String prefix) {
    TestNamespace namespace = new TestNamespace(client, prefix);
    namespaces.add(namespace);
    return namespace.name();
  }

  private void secret(String namespace, String name, String value) {
    create(namespace, Manifests.kubernetesSecret("src-" + name, "value", value));
    create(namespace, Manifests.fromSecret(name, "src-" + name, "value"));
  }

  private void create(String namespace, io.fabric8.kubernetes.api.model.HasMetadata object) {
    client.resource(object).inNamespace(namespace).create();
  }

  private Pod standalonePod(String namespace, String name) {
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("debug")
                .withImage("busybox:1.36")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  /** At least {@code count} pods of {@code service} carrying grant revision {@code revision}. */
  private List<Pod> awaitPods(String namespace, String service, long revision, int count) {
    return await(service + " pods of revision " + revision)
        .atMost(TIMEOUT)
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(StrongroomApi.SERVICE_LABEL, service)
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(
                        p ->
                            Long.toString(revision)
                                .equals(
                                    p.getMetadata()
                                        .getAnnotations()
                                        .get(StrongroomApi.GRANT_REVISION_ANNOTATION)))
                    .toList(),
            pods -> pods.size() >= count);
  }

  private String awaitCaConfigMap(String namespace) {
    return await("strongroom-ca in " + namespace)
        .atMost(TIMEOUT)
        .until(
            () -> {
              ConfigMap map =
                  client.configMaps().inNamespace(namespace).withName(CaPublisher.CONFIG_MAP).get();
              return map == null ? null : map.getData().get(CaPublisher.KEY);
            },
            pem -> pem != null);
  }
}
