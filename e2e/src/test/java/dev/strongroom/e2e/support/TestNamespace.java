package dev.strongroom.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;

/** A fresh namespace per test, so tests on the shared cluster never see each other's objects. */
public final class TestNamespace implements AutoCloseable {
  private final KubernetesClient client;
  private final String name;

  public TestNamespace(KubernetesClient client, String prefix) {
    this.client = client;
    this.name =
        (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    client.namespaces().withName(name).delete();
  }

  /**
   * Deletes the namespace and waits until it is gone: call it while the operator still runs, since
   * only the operator removes its finalizers (a namespace left terminating would load the next
   * operator started on the cluster).
   */
  public void deleteAndAwait(Duration atMost) {
    close();
    Awaitility.await("namespace " + name + " deleted")
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> client.namespaces().withName(name).get() == null);
  }
}
