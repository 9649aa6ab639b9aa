package dev.strongroom.reconcile;

import java.util.List;

/** Swarm's own words for a secret that services still use. */
public final class InUseMessage {
  private InUseMessage() {}

  /** {@code secret 'NAME' is in use by the following service: SVC} (or {@code services: A, B}). */
  public static String of(String secret, List<String> services) {
    return "secret '" + secret + "' is in use by the following " + usedBy(services);
  }

  static String usedBy(List<String> services) {
    return (services.size() == 1 ? "service: " : "services: ") + String.join(", ", services);
  }
}
