package dev.strongroom.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Opens clients with the user's kubeconfig, found through the injected environment ({@code
 * KUBECONFIG}, then {@code $HOME/.kube/config}); in a pod without one, its service account.
 */
final class KubeConnections {
  static final String DEFAULT_NAMESPACE = "default";

  private final Map<String, String> environment;

  KubeConnections(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** A client and the namespace the command works in; close it when done. */
  Connection open(KubeOptions options) {
    Config config = config(options);
    String namespace = namespace(options, config);
    config.setNamespace(namespace);
    return new Connection(new KubernetesClientBuilder().withConfig(config).build(), namespace);
  }

  /** The namespace the options name, else the kubeconfig context's, without connecting. */
  String namespace(KubeOptions options) {
    if (options.namespace != null) {
      return options.namespace;
    }
    return namespace(options, config(options));
  }

  private static String namespace(KubeOptions options, Config config) {
    if (options.namespace != null) {
      return options.namespace;
    }
    return config.getNamespace() != null ? config.getNamespace() : DEFAULT_NAMESPACE;
  }

  private Config config(KubeOptions options) {
    Optional<Path> file = kubeconfigFile(options);
    try {
      if (file.isPresent()) {
        Config config = Config.fromKubeconfig(options.context, file.get().toFile());
        checkContext(options.context, config, file.get());
        return config;
      }
      if (options.context == null && environment.containsKey("KUBERNETES_SERVICE_HOST")) {
        return Config.autoConfigure(null); // in a pod: its service account
      }
      throw new UserError(
          "no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or create ~/.kube/config");
    } catch (KubernetesClientException e) {
      throw new UserError("cannot read the kubeconfig: " + KubernetesErrors.oneLine(e));
    } catch (RuntimeException e) {
      if (e instanceof UserError) {
        throw e;
      }
      String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new UserError(
          "cannot read the kubeconfig "
              + file.map(Path::toString).orElse("")
              + ": it is not a kubeconfig ("
              + e.getClass().getSimpleName()
              + (message.isEmpty() ? "" : ": " + message)
              + ")");
    }
  }

  private static void checkContext(String context, Config config, Path file) {
    if (context == null) {
      return;
    }
    boolean known =
        config.getContexts() != null
            && config.getContexts().stream().anyMatch(c -> context.equals(c.getName()));
    if (!known) {
      throw new UserError("context '" + context + "' is not in the kubeconfig " + file);
    }
  }

  private Optional<Path> kubeconfigFile(KubeOptions options) {
    if (options.kubeconfig != null) {
      if (!Files.isReadable(options.kubeconfig)) {
        throw new UserError("kubeconfig " + options.kubeconfig + " is not readable");
      }
      return Optional.of(options.kubeconfig);
    }
    String variable = environment.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      // kubectl merges a list; the first readable file is the one that names the context here.
      for (String entry : variable.split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.isReadable(Path.of(entry))) {
          return Optional.of(Path.of(entry));
        }
      }
      throw new UserError("KUBECONFIG names no readable file: " + variable);
    }
    String home = environment.get("HOME");
    if (home != null) {
      Path standard = Path.of(home, ".kube", "config");
      if (Files.isReadable(standard)) {
        return Optional.of(standard);
      }
    }
    return Optional.empty();
  }

  /** A client bound to the namespace a command works in. */
  record Connection(KubernetesClient client, String namespace) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
