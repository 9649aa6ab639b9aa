package dev.strongroom.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Turns the client's long, multi-line failures into one line a person can act on. */
final class KubernetesErrors {
  private KubernetesErrors() {}

  static String oneLine(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      String message = e.getStatus().getMessage();
      if (e.getCode() == 404 && message.contains("could not find the requested resource")) {
        return "the Strongroom CRDs are not installed in this cluster (kubectl apply -f crds/)";
      }
      return flat(message);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root instanceof ConnectException
          || root instanceof UnknownHostException
          || root instanceof HttpTimeoutException) {
        return "cannot reach the Kubernetes API server ("
            + root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + flat(root.getMessage()))
            + ")";
      }
    }
    String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
    return flat(message == null ? root.getClass().getSimpleName() : message);
  }

  private static String flat(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
