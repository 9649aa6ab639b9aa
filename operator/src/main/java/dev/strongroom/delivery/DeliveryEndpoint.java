package dev.strongroom.delivery;

import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery endpoint of one operator replica: the shared CA from the store, this replica's
 * serving certificate, the HTTPS server, and the {@code strongroom-ca} ConfigMaps; {@link
 * #maintain()} runs every minute to follow or perform CA rotation and to re-issue the serving
 * certificate before it expires.
 */
public final class DeliveryEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEndpoint.class);

  private final DeliverySettings settings;
  private final DeliveryCa ca;
  private final ServingKeyManager keys;
  private final CaPublisher publisher;
  private final Clock clock;
  private final SecureRandom random;
  private WatchedPodLookup pods;
  private DeliveryServer server;
  private ScheduledExecutorService maintenance;
  private ExecutorService ownerRefresher;
  private volatile X509Certificate signerInUse;

  private DeliveryEndpoint(
      DeliverySettings settings,
      DeliveryCa ca,
      CaPublisher publisher,
      Clock clock,
      SecureRandom random) {
    this.settings = settings;
    this.ca = ca;
    this.keys = new ServingKeyManager();
    this.publisher = publisher;
    this.clock = clock;
    this.random = random;
  }

  /** Loads or creates the CA, publishes it, and starts serving. */
  public static DeliveryEndpoint start(
      DeliverySettings settings,
      SecretStore store,
      KubernetesClient client,
      MeterRegistry registry,
      Clock clock,
      SecureRandom random)
      throws IOException {
    DeliveryCa ca =
        new DeliveryCa(store, clock, random, settings.caValidity(), settings.caOverlap());
    ca.ensure();
    CaPublisher publisher = new CaPublisher(client, settings.namespace(), ca::bundlePem);
    DeliveryEndpoint endpoint = new DeliveryEndpoint(settings, ca, publisher, clock, random);
    endpoint.issueServingCertificate();
    endpoint.ownerRefresher =
        Executors.newSingleThreadExecutor(daemon("strongroom-delivery-owners"));
    WatchedPodLookup pods =
        WatchedPodLookup.start(
            client,
            new CachingObjectLookup(
                new KubernetesObjectLookup(client),
                clock,
                settings.ownerCacheMaxAge(),
                50_000,
                endpoint.ownerRefresher),
            registry);
    endpoint.pods = pods;
    DeliveryAuthorizer authorizer =
        new DeliveryAuthorizer(
            new CachingTokenReviewer(
                new KubernetesTokenReviewer(client),
                clock,
                settings.reviewCacheMaxAge(),
                100_000,
                settings.maxReviewsInFlight(),
                Duration.ofSeconds(2)),
            pods);
    try {
      publisher.start();
      endpoint.server =
          DeliveryServer.start(
              settings.port(),
              ServingTls.Engine.available(),
              endpoint.keys,
              new DeliveryService(authorizer, store),
              new DeliveryMetrics(registry),
              settings.workers(),
              settings.maxPending(),
              random);
    } catch (IOException | RuntimeException e) {
      try {
        pods.close();
        endpoint.ownerRefresher.shutdownNow();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    endpoint.maintenance =
        Executors.newSingleThreadScheduledExecutor(daemon("strongroom-delivery-ca"));
    endpoint.maintenance.scheduleWithFixedDelay(endpoint::maintainQuietly, 1, 1, TimeUnit.MINUTES);
    LOG.info(
        "delivering secrets on port {} (TLS on {})", endpoint.port(), endpoint.server.engine());
    return endpoint;
  }

  public int port() {
    return server.port();
  }

  /**
   * Publishes the CA bundle in the namespace of {@code owner} (a SwarmService about to get pods
   * that mount it) unless this process already did for it ({@link CaPublisher#publishFor}).
   */
  public void publishCaBundleFor(HasMetadata owner) {
    publisher.publishFor(owner);
  }

  /** The PEM bundle agents trust ({@code ca.crt}). */
  public String caBundle() {
    return ca.bundlePem();
  }

  /** Follows or performs CA rotation, republishes the bundle, re-issues the serving cert. */
  public void maintain() {
    boolean changed = ca.reload();
    changed |= ca.rotateIfDue();
    if (changed) {
      publisher.republish();
    }
    X509Certificate serving = keys.certificate();
    Instant now = clock.instant();
    Instant issued = serving.getNotBefore().toInstant();
    Instant expires = serving.getNotAfter().toInstant();
    Duration half = Duration.between(issued, expires).dividedBy(2);
    if (!now.isBefore(issued.plus(half)) || !ca.signer().certificate().equals(signerInUse)) {
      issueServingCertificate();
    }
  }

  private void maintainQuietly() {
    try {
      maintain();
    } catch (RuntimeException e) {
      LOG.warn("delivery CA maintenance failed, retrying in a minute: {}", e.getClass().getName());
    }
  }

  private void issueServingCertificate() {
    CertificateAuthority signer = ca.signer();
    KeyPair pair = Certificates.newKeyPair(random);
    Instant now = clock.instant();
    X509Certificate cert =
        Certificates.issueServing(
            signer,
            pair.getPublic(),
            settings.hosts(),
            now,
            now.plus(settings.servingValidity()),
            random);
    keys.use(
        P256SigningKey.of(pair.getPrivate()), new X509Certificate[] {cert, signer.certificate()});
    signerInUse = signer.certificate();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (maintenance != null) {
      maintenance.shutdownNow();
    }
    if (ownerRefresher != null) {
      ownerRefresher.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
    if (pods != null) {
      pods.close();
    }
  }
}
