package dev.strongroom.e2e.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a client on a real control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok nodes), started once per test run by {@code
 * e2e/controlplane/cluster.sh} and stopped when the run ends. Set {@code STRONGROOM_KUBECONFIG} to
 * run the tests against a cluster that is already up instead.
 */
public final class ControlPlane implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ControlPlane.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == Cluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Cluster cluster = cluster(context);
    return parameter.getParameter().getType() == Cluster.class ? cluster : cluster.client();
  }

  /** The run's one cluster, started on first use and closed when the root context closes. */
  public static Cluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Cluster.class, key -> Cluster.start(), Cluster.class);
  }

  /** A running control plane: its kubeconfig, a client and the kubectl built with it. */
  public static final class Cluster implements AutoCloseable {
    private final ClusterScript script;
    private final Path kubeconfig;
    private final KubernetesClient client;
    private final boolean owned;

    private Cluster(ClusterScript script, Path kubeconfig, boolean owned) {
      this.script = script;
      this.kubeconfig = kubeconfig;
      this.owned = owned;
      this.client = new KubernetesClientBuilder().withConfig(configFrom(kubeconfig)).build();
      Crds.install(client, Paths.root().resolve("crds"));
    }

    static Cluster start() {
      String existing = System.getenv("STRONGROOM_KUBECONFIG");
      ClusterScript script = new ClusterScript(Paths.clusterDir());
      if (existing != null && !existing.isBlank()) {
        return new Cluster(script, Path.of(existing), false);
      }
      return new Cluster(script, script.up(), true);
    }

    public KubernetesClient client() {
      return client;
    }

    public Path kubeconfig() {
      return kubeconfig;
    }

    /** The kubectl binary built with the control plane. */
    public Path kubectlBinary() {
      return Path.of(script.kubectl(kubeconfig).command().get(0));
    }

    /** Runs kubectl on this cluster and returns its output; fails when kubectl fails. */
    public String kubectl(String... args) {
      return kubectlWithInput("", args);
    }

    /** Runs kubectl with {@code input} on its standard input (for {@code apply -f -}). */
    public String kubectlWithInput(String input, String... args) {
      return ProcessRunner.run(script.kubectl(kubeconfig, args), input);
    }

    @Override
    public void close() {
      client.close();
      if (owned) {
        script.down();
      }
    }

    private static Config configFrom(Path kubeconfig) {
      try {
        return Config.fromKubeconfig(Files.readString(kubeconfig));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
