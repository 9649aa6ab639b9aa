package dev.strongroom.cli;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The cluster a command talks to: its namespace is known without connecting, and the client is
 * opened on first use (so offline work, such as sealing with {@code --cert}, never connects).
 */
final class Session implements AutoCloseable {
  private final KubeConnections connections;
  private final KubeOptions options;
  private KubeConnections.Connection connection;

  Session(KubeConnections connections, KubeOptions options) {
    this.connections = connections;
    this.options = options;
  }

  /** The namespace the command works in: {@code -n}, else the kubeconfig context's. */
  String namespace() {
    return connection != null ? connection.namespace() : connections.namespace(options);
  }

  KubernetesClient client() {
    if (connection == null) {
      connection = connections.open(options);
    }
    return connection.client();
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
  }
}
