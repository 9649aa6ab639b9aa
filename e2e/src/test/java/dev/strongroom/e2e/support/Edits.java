package dev.strongroom.e2e.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * Edits an object the way a careful client does: read, change, write with the read version, and
 * start over when the operator wrote its status in between (409 Conflict).
 */
public final class Edits {
  private static final int ATTEMPTS = 20;

  private Edits() {}

  public static <T extends HasMetadata> T edit(
      KubernetesClient client, Class<T> type, String ns, String name, UnaryOperator<T> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      T current = client.resources(type).inNamespace(ns).withName(name).get();
      try {
        return client.resource(change.apply(current)).inNamespace(ns).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }
}
