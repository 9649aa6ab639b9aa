package dev.strongroom.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.UUID;

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
}
