package dev.strongroom.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How the delivery endpoint runs.
 *
 * @param hosts the DNS names and IP addresses the serving certificate names
 * @param caValidity a new CA's lifetime; a new CA is added when a third of it is left
 * @param caOverlap how long a new CA is trusted before it signs serving certificates
 * @param servingValidity a serving certificate's lifetime; re-issued at half of it
 * @param workers request threads; {@code maxPending} requests may wait or run before 429
 * @param reviewCacheMaxAge the longest a TokenReview answer is reused (never past the token's exp)
 * @param maxReviewsInFlight TokenReviews sent to the API server at once
 * @param ownerCacheMaxAge how long ReplicaSets, Deployments and SwarmServices are reused
 */
public record DeliverySettings(
    int port,
    String namespace,
    List<String> hosts,
    Duration caValidity,
    Duration caOverlap,
    Duration servingValidity,
    int workers,
    int maxPending,
    Duration reviewCacheMaxAge,
    int maxReviewsInFlight,
    Duration ownerCacheMaxAge) {
  public DeliverySettings {
    hosts = List.copyOf(hosts);
  }

  /** The defaults, serving on {@code port} under the Service {@code strongroom-delivery}. */
  public static DeliverySettings defaults(int port, String namespace, List<String> extraHosts) {
    List<String> hosts = new java.util.ArrayList<>();
    String service = "strongroom-delivery";
    hosts.add(service);
    hosts.add(service + "." + namespace);
    hosts.add(service + "." + namespace + ".svc");
    hosts.add(service + "." + namespace + ".svc.cluster.local");
    hosts.add("localhost");
    hosts.add("127.0.0.1");
    extraHosts.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
    return new DeliverySettings(
        port,
        namespace,
        hosts,
        Duration.ofDays(3650),
        Duration.ofMinutes(10),
        Duration.ofDays(7),
        32,
        512,
        Duration.ofMinutes(5),
        16,
        Duration.ofSeconds(30));
  }
}
