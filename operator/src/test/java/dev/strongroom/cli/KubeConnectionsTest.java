package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig is found through the injected environment only; client errors are one line. */
class KubeConnectionsTest {
  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      current-context: dev
      contexts:
      - name: dev
        context: {cluster: c, user: u, namespace: team-a}
      - name: bare
        context: {cluster: c, user: u}
      clusters:
      - name: c
        cluster: {server: "https://127.0.0.1:1"}
      users:
      - name: u
        user: {token: t}
      """;

  @TempDir Path home;

  @Test
  void theNamespaceIsTheOptionsElseTheContextsElseDefault() throws Exception {
    Path config = home.resolve("config");
    Files.writeString(config, KUBECONFIG);
    KubeConnections connections =
        new KubeConnections(Map.of("KUBECONFIG", home.resolve("missing") + ":" + config));

    assertThat(connections.namespace(options(null, null))).isEqualTo("team-a");
    assertThat(connections.namespace(options(null, "bare"))).isEqualTo("default");
    assertThat(connections.namespace(options("given", null))).isEqualTo("given");
  }

  @Test
  void anUnknownContextOrABrokenFileIsOneLine() throws Exception {
    Path config = home.resolve("config");
    Files.writeString(config, KUBECONFIG);
    Path broken = home.resolve("broken");
    Files.writeString(broken, "x");
    KubeConnections connections = new KubeConnections(Map.of("KUBECONFIG", config.toString()));

    assertThatThrownBy(() -> connections.namespace(options(null, "nope")))
        .hasMessage("context 'nope' is not in the kubeconfig " + config);
    KubeOptions brokenFile = options(null, null);
    brokenFile.kubeconfig = broken;
    assertThatThrownBy(() -> connections.namespace(brokenFile))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("cannot read the kubeconfig " + broken + ": it is not a kubeconfig")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void homeKubeConfigIsTheFallback() throws Exception {
    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), KUBECONFIG);

    assertThat(new KubeConnections(Map.of("HOME", home.toString())).namespace(options(null, null)))
        .isEqualTo("team-a");
  }

  @Test
  void noKubeconfigIsOneLineNotTheProcessEnvironment() {
    assertThatThrownBy(() -> new KubeConnections(Map.of()).namespace(options(null, null)))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or create ~/.kube/config");
    assertThatThrownBy(
            () ->
                new KubeConnections(Map.of("KUBECONFIG", "/nowhere"))
                    .namespace(options(null, null)))
        .hasMessage("KUBECONFIG names no readable file: /nowhere");
  }

  @Test
  void clientErrorsBecomeOneLine() {
    KubernetesClientException refused =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(403)
                .withMessage("swarmsecrets is forbidden:\nUser \"x\" cannot list")
                .build());
    KubernetesClientException noCrd =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(404)
                .withMessage("the server could not find the requested resource")
                .build());
    KubernetesClientException unreachable =
        new KubernetesClientException(
            "Operation: [list] failed.\nmore", new ConnectException("Connection refused"));

    assertThat(KubernetesErrors.oneLine(refused))
        .isEqualTo("swarmsecrets is forbidden: User \"x\" cannot list");
    assertThat(KubernetesErrors.oneLine(noCrd)).contains("CRDs are not installed");
    assertThat(KubernetesErrors.oneLine(unreachable))
        .isEqualTo("cannot reach the Kubernetes API server (ConnectException: Connection refused)");
  }

  private static KubeOptions options(String namespace, String context) {
    KubeOptions options = new KubeOptions();
    options.namespace = namespace;
    options.context = context;
    return options;
  }
}
