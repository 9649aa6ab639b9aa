package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.cli.compose.KubernetesNames;
import dev.strongroom.e2e.support.Cli;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.RunningOperator;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The CLI's verbs against a real control plane with the operator running: values sealed on the
 * client are unsealed by the operator, and no value ever appears in what the CLI prints.
 */
@ExtendWith(ControlPlane.class)
class CliIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String FILE_VALUE = "file-value-7f3a9c";
  private static final String STDIN_VALUE = "stdin-value-4b8e21";

  @TempDir static Path stateDir;
  private static ControlPlane.Cluster cluster;
  private static KubernetesClient client;
  private static RunningOperator operator;
  private static Cli cli;
  @TempDir Path dir;
  private TestNamespace namespace;
  private String ns;

  @BeforeAll
  static void startOperator(ControlPlane.Cluster controlPlane) {
    cluster = controlPlane;
    client = controlPlane.client();
    operator = RunningOperator.start(client, stateDir);
    // Every run fails, without showing its output, if that output holds a secret value.
    cli = new Cli(controlPlane.kubeconfig()).neverPrinting(FILE_VALUE, STDIN_VALUE);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  @BeforeEach
  void namespace() {
    namespace = new TestNamespace(client, "cli");
    ns = namespace.name();
  }

  @AfterEach
  void cleanUp() {
    namespace.close();
  }

  @Test
  void createFromAFileAndFromStdinThenLsAndInspectNeverShowTheValues() throws Exception {
    Path file = dir.resolve("pw.txt");
    Files.writeString(file, FILE_VALUE);

    Cli.Result fromFile = cli.run("secret", "create", "psql_password", file.toString(), "-n", ns);
    Cli.Result fromStdin =
        cli.run(
            Map.of(), STDIN_VALUE, "secret", "create", "api-key", "-", "-n", ns, "-l", "team=web");

    assertSucceeded(fromFile);
    assertSucceeded(fromStdin);
    assertThat(fromFile.out()).matches("[0-9a-f]{12}\n");
    // The operator opened both envelopes: each has a stored version.
    SwarmSecret psql = awaitSecretVersion("psql_password", 1);
    SwarmSecret apiKey = awaitSecretVersion("api-key", 1);
    assertThat(psql.getMetadata().getName()).matches("psql-password-[0-9a-f]{8}");
    assertThat(psql.getSpec().getName()).isEqualTo("psql_password");
    assertThat(apiKey.getMetadata().getLabels()).containsEntry("team", "web");
    assertThat(fromFile.out()).startsWith(psql.getMetadata().getUid().substring(0, 8));

    Cli.Result ls = cli.run("secret", "ls", "-n", ns);
    assertSucceeded(ls);
    assertThat(ls.out().lines())
        .hasSize(3)
        .first()
        .asString()
        .matches("ID +NAME +VERSION +IN USE +CREATED +UPDATED");
    assertThat(ls.out()).contains("api-key", "psql_password");
    assertThat(ls.out().lines().skip(1)).allSatisfy(l -> assertThat(l).contains(" 1 ", " no "));
    Cli.Result quiet = cli.run("secret", "ls", "-q", "-n", ns);
    assertThat(quiet.out().lines()).hasSize(2).allMatch(l -> l.matches("[0-9a-f]{12}"));
    Cli.Result json = cli.run("secret", "ls", "--format", "json", "-n", ns);
    assertThat(json.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"ID\":"));

    Cli.Result inspect = cli.run("secret", "inspect", "psql_password", "api-key", "-n", ns);
    assertSucceeded(inspect);
    assertThat(inspect.out())
        .contains(
            "\"Name\": \"psql_password\"",
            "\"Name\": \"api-key\"",
            "\"Index\": 1",
            "\"team\": \"web\"",
            "\"Source\": \"sealed\"");
    Cli.Result byId = cli.run("secret", "inspect", quiet.out().lines().findFirst().get(), "-n", ns);
    assertSucceeded(byId);

    Cli.Result missing = cli.run("secret", "inspect", "nope", "-n", ns);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("strongroom secret inspect: no such secret: nope (namespace " + ns + ")\n");
  }

  @Test
  void dryRunYamlAppliedWithKubectlBecomesAReadySecret() throws Exception {
    Path file = dir.resolve("pw.txt");
    Files.writeString(file, FILE_VALUE);

    Cli.Result dryRun =
        cli.run(
            "secret",
            "create",
            "db_password",
            file.toString(),
            "-n",
            ns,
            "--dry-run",
            "-o",
            "yaml");

    assertSucceeded(dryRun);
    assertThat(client.resources(SwarmSecret.class).inNamespace(ns).list().getItems()).isEmpty();
    String applied = cluster.kubectlWithInput(dryRun.out(), "apply", "-f", "-");
    assertThat(applied).contains("swarmsecret.strongroom.dev/db-password-");
    SwarmSecret secret = awaitSecretVersion("db_password", 1);
    assertThat(readyCondition(secret).getReason()).isEqualTo("Stored");

    Cli.Result noKey =
        cli.run(
            "secret",
            "create",
            "other",
            file.toString(),
            "-n",
            ns,
            "--operator-namespace",
            "not-here",
            "--dry-run");
    assertThat(noKey.exit()).isEqualTo(1);
    assertThat(noKey.out()).isEmpty();
    assertThat(noKey.err())
        .isEqualTo(
            "strongroom secret create: the cluster's sealing key is not published (no ConfigMap"
                + " strongroom-sealing-key with public-key in namespace not-here): is the operator"
                + " running there? Use --operator-namespace, or seal offline with --cert FILE\n");
  }

  @Test
  void rmIsRefusedWhileAServiceUsesTheSecretAndWorksOnceTheGrantIsRemoved() throws Exception {
    assertSucceeded(
        cli.run(Map.of(), STDIN_VALUE, "secret", "create", "psql_password", "-", "-n", ns));
    awaitSecretVersion("psql_password", 1);
    assertSucceeded(
        cli.run(
            "service",
            "create",
            "psql",
            "--image",
            "postgres:16",
            "--secret",
            "psql_password",
            "--update-monitor",
            "0s",
            "-n",
            ns));
    awaitRevisionReady("psql", 1);

    Cli.Result refused = cli.run("secret", "rm", "psql_password", "-n", ns);

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo(
            "strongroom secret rm: secret 'psql_password' is in use by the following service:"
                + " psql\n");
    assertThat(secret("psql_password").getMetadata().getDeletionTimestamp()).isNull();

    // Deleted behind the CLI's back: the operator's finalizer holds it, and rm says so.
    client.resource(secret("psql_password")).delete();
    await("deletion held")
        .atMost(TIMEOUT)
        .until(
            () -> secret("psql_password"),
            s ->
                s.getStatus().getConditions().stream()
                    .anyMatch(c -> "DeletionBlockedInUse".equals(c.getReason())));
    Cli.Result held = cli.run("secret", "rm", "psql_password", "-n", ns);
    assertThat(held.exit()).isEqualTo(1);
    assertThat(held.err())
        .isEqualTo(
            "strongroom secret rm: secret 'psql_password' is in use by the following service:"
                + " psql (its deletion was requested and is held until no service grants it)\n");

    assertSucceeded(cli.run("service", "update", "psql", "--secret-rm", "psql_password", "-n", ns));
    awaitRevisionReady("psql", 2);
    await("held secret released").atMost(TIMEOUT).until(() -> secret("psql_password") == null);

    assertSucceeded(cli.run(Map.of(), STDIN_VALUE, "secret", "create", "spare", "-", "-n", ns));
    awaitSecretVersion("spare", 1);
    Cli.Result removed = cli.run("secret", "rm", "spare", "-n", ns);
    assertSucceeded(removed);
    assertThat(removed.out()).isEqualTo("spare\n");
    await("secret gone")
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(SwarmSecret.class).inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  void serviceUpdateSecretAddRollsTheServiceToTheNextGrantRevision() {
    assertSucceeded(cli.run(Map.of(), "a-value", "secret", "create", "a", "-", "-n", ns));
    assertSucceeded(cli.run(Map.of(), "b-value", "secret", "create", "B_token", "-", "-n", ns));
    assertSucceeded(
        cli.run(
            "service",
            "create",
            "api",
            "--image",
            "nginx:1.27",
            "--replicas",
            "2",
            "--secret",
            "a",
            "--update-monitor",
            "0s",
            "-n",
            ns));
    awaitRevisionReady("api", 1);

    Cli.Result update =
        cli.run(
            "service",
            "update",
            "api",
            "--secret-add",
            "source=B_token,target=token,mode=0400",
            "-n",
            ns);

    assertSucceeded(update);
    SwarmService rolled = awaitRevisionReady("api", 2);
    assertThat(rolled.getStatus().getGrants())
        .extracting(g -> g.getTarget() + ":" + g.getMode())
        .containsExactly("a:292", "token:256");
    await("pods of revision 2")
        .atMost(TIMEOUT)
        .until(
            () -> cli.run("service", "ps", "api", "-n", ns).out().lines().skip(1).toList(),
            rows ->
                rows.size() == 2
                    && rows.stream().allMatch(r -> r.matches(".* 2 +1/1 +Running .*")));
    Cli.Result ls = cli.run("service", "ls", "-n", ns);
    assertThat(ls.out()).containsPattern("api +replicated +2/2 +nginx:1.27 +2 +2");
    Cli.Result inspect = cli.run("service", "inspect", "api", "-n", ns);
    assertThat(inspect.out()).contains("\"SecretName\": \"B_token\"", "\"GrantRevision\": 2");

    Cli.Result unknown = cli.run("service", "update", "api", "--secret-add", "nope", "-n", ns);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("strongroom service update: secret not found: nope");
  }

  @Test
  void stackDeployOfAMultiServiceFileReachesReadyAndExternalSecretsMustExist() throws Exception {
    Files.writeString(dir.resolve("db_password.txt"), FILE_VALUE);
    Path compose = dir.resolve("docker-compose.yml");
    Files.writeString(
        compose,
        """
        services:
          web:
            image: nginx:1.27
            secrets:
              - db_password
              - source: api_token
                target: token
                mode: 0400
            deploy:
              replicas: 2
              update_config: {monitor: 0s}
          worker:
            image: busybox:1.36
            command: ["sh", "-c", "sleep infinity"]
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password
            secrets: [db_password, shared_ca]
            deploy:
              update_config: {monitor: 0s}
        secrets:
          db_password:
            file: ./db_password.txt
          api_token:
            environment: API_TOKEN
          shared_ca:
            external: true
        """);
    Map<String, String> env = Map.of("API_TOKEN", STDIN_VALUE);

    Cli.Result missingExternal =
        cli.run(env, "", "stack", "deploy", "-c", compose.toString(), "-n", ns, "shop");
    assertThat(missingExternal.exit()).isEqualTo(1);
    assertThat(missingExternal.err())
        .isEqualTo(
            "strongroom stack deploy: external secret 'shared_ca' not found in namespace "
                + ns
                + "; create it first with strongroom secret create\n");
    assertThat(client.resources(SwarmService.class).inNamespace(ns).list().getItems()).isEmpty();

    assertSucceeded(cli.run(Map.of(), "ca", "secret", "create", "shared_ca", "-", "-n", ns));
    Cli.Result deploy =
        cli.run(env, "", "stack", "deploy", "-c", compose.toString(), "-n", ns, "shop");

    assertSucceeded(deploy);
    assertThat(deploy.out())
        .isEqualTo(
            "Creating secret shop_db_password\n"
                + "Creating secret shop_api_token\n"
                + "Creating service shop_web\n"
                + "Creating service shop_worker\n");
    SwarmService web = awaitRevisionReady(KubernetesNames.forLabel("shop_web"), 1);
    SwarmService worker = awaitRevisionReady(KubernetesNames.forLabel("shop_worker"), 1);
    assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(worker.getStatus().getGrants()).hasSize(2);
    assertThat(secret("shop_api_token").getStatus().getVersion()).isEqualTo(1);
    Cli.Result ls = cli.run("service", "ls", "-n", ns);
    assertThat(ls.out()).contains("shop_web", "shop_worker");

    // Deploying again changes nothing: existing secrets are kept, so no service rolls.
    long generation = web.getMetadata().getGeneration();
    Cli.Result again =
        cli.run(env, "", "stack", "deploy", "-c", compose.toString(), "-n", ns, "shop");
    assertSucceeded(again);
    assertThat(again.out())
        .isEqualTo(
            "Keeping secret shop_db_password (it exists; --update-secrets re-seals it)\n"
                + "Keeping secret shop_api_token (it exists; --update-secrets re-seals it)\n"
                + "Updating service shop_web\n"
                + "Updating service shop_worker\n");
    assertThat(secret("shop_db_password").getStatus().getVersion()).isEqualTo(1);
    SwarmService webAgain =
        client
            .resources(SwarmService.class)
            .inNamespace(ns)
            .withName(web.getMetadata().getName())
            .get();
    assertThat(webAgain.getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(webAgain.getStatus().getGrantRevision()).isEqualTo(1);
    Files.writeString(dir.resolve("db_password.txt"), FILE_VALUE + "-rotated");
    assertSucceeded(
        cli.run(
            env,
            "",
            "stack",
            "deploy",
            "--update-secrets",
            "-c",
            compose.toString(),
            "-n",
            ns,
            "shop"));
    awaitSecretVersion("shop_db_password", 2);
    // The environment value did not change: re-sealed, it opens to the stored value, so the
    // operator adds no version (and rolls nothing for it).
    SwarmSecret token = secret("shop_api_token");
    await("shop_api_token observed")
        .atMost(TIMEOUT)
        .until(
            () -> secret("shop_api_token"),
            s ->
                s.getStatus() != null
                    && s.getMetadata()
                        .getGeneration()
                        .equals(s.getStatus().getObservedGeneration()));
    assertThat(secret("shop_api_token").getStatus().getVersion()).isEqualTo(1);
    assertThat(token.getMetadata().getGeneration()).isGreaterThan(1);
    // Only the file secret changed value: the services roll to its version 2.
    for (String service : List.of("shop_web", "shop_worker")) {
      awaitService(
          KubernetesNames.forLabel(service),
          s ->
              s.getStatus() != null
                  && s.getStatus().getGrantRevision() >= 2
                  && isTrue(s.getStatus().getConditions(), Conditions.READY)
                  && s.getStatus().getGrants().stream()
                      .anyMatch(
                          g ->
                              g.getSecret().startsWith("shop-db-password") && g.getVersion() == 2));
    }
  }

  @Test
  void theJarAndTheKubectlPluginRunAsProcesses() {
    Cli.Result created = cli.runJar(STDIN_VALUE, "secret", "create", "from-jar", "-", "-n", ns);

    assertSucceeded(created);
    awaitSecretVersion("from-jar", 1);
    Cli.Result ls = cli.runKubectlPlugin(cluster.kubectlBinary(), "", "secret", "ls", "-n", ns);
    assertSucceeded(ls);
    assertThat(ls.out()).contains("from-jar");
    Cli.Result refused = cli.runJar("", "secret", "rm", "not-there", "-n", ns);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo("strongroom secret rm: no such secret: not-there (namespace " + ns + ")\n");
    Cli.Result apiError =
        cli.runJar(STDIN_VALUE, "secret", "create", "x", "-", "-n", "no-such-namespace");
    assertThat(apiError.exit()).isEqualTo(1);
    assertThat(apiError.err())
        .isEqualTo("strongroom secret create: namespaces \"no-such-namespace\" not found\n");
  }

  // --- helpers ---

  private static void assertSucceeded(Cli.Result result) {
    assertThat(result.exit()).as("%s", result).isZero();
  }

  private SwarmSecret secret(String swarmName) {
    return client.resources(SwarmSecret.class).inNamespace(ns).list().getItems().stream()
        .filter(s -> s.swarmName().equals(swarmName))
        .findFirst()
        .orElse(null);
  }

  private SwarmSecret awaitSecretVersion(String swarmName, long version) {
    return await(swarmName + " in " + ns)
        .atMost(TIMEOUT)
        .until(
            () -> secret(swarmName),
            s ->
                s != null
                    && s.getStatus() != null
                    && Long.valueOf(version).equals(s.getStatus().getVersion()));
  }

  private SwarmService awaitRevisionReady(String name, long revision) {
    return awaitService(
        name,
        s ->
            s.getStatus() != null
                && Long.valueOf(revision).equals(s.getStatus().getGrantRevision())
                && isTrue(s.getStatus().getConditions(), Conditions.READY));
  }

  private SwarmService awaitService(String name, Predicate<SwarmService> done) {
    return await(name + " in " + ns)
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(SwarmService.class).inNamespace(ns).withName(name).get(),
            s -> s != null && done.test(s));
  }

  private static Condition readyCondition(SwarmSecret secret) {
    return secret.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(Conditions.READY))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> c.getType().equals(type) && "True".equals(c.getStatus()));
  }
}
