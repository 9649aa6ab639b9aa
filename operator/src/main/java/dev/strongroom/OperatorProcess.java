package dev.strongroom;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.delivery.DeliveryEndpoint;
import dev.strongroom.delivery.DeliverySettings;
import dev.strongroom.metrics.HealthServer;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.reconcile.ControllerStores;
import dev.strongroom.reconcile.DeploymentRenderer;
import dev.strongroom.reconcile.EventRecorder;
import dev.strongroom.reconcile.RevisionSweeper;
import dev.strongroom.reconcile.SealingKeys;
import dev.strongroom.reconcile.SwarmSecretReconciler;
import dev.strongroom.reconcile.SwarmServiceReconciler;
import dev.strongroom.store.RaftSecretStore;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.StoreConfig;
import dev.strongroom.store.StoreTuning;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wiring of a running operator: the store, the sealing keys and the two reconcilers. */
public final class OperatorProcess implements AutoCloseable {
  private static final String HTTP_SERVER_NODELAY = "sun.net.httpserver.nodelay";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);

  /** The Lease that elects the one replica that reconciles; every replica serves the store. */
  static final String LEASE = "strongroom-operator";

  private final SecretStore store;
  private final Operator operator;
  private final HealthServer health;
  private final JvmGcMetrics gc;
  private final DeliveryEndpoint delivery;
  private final LeaseLoss leaseLoss;
  private final EventRecorder events;
  private final RevisionSweeper sweeper;

  private OperatorProcess(
      SecretStore store,
      Operator operator,
      HealthServer health,
      JvmGcMetrics gc,
      DeliveryEndpoint delivery,
      LeaseLoss leaseLoss,
      EventRecorder events,
      RevisionSweeper sweeper) {
    this.sweeper = sweeper;
    this.leaseLoss = leaseLoss;
    this.events = events;
    this.store = store;
    this.operator = operator;
    this.health = health;
    this.gc = gc;
    this.delivery = delivery;
  }

  /** The embedded store, this replica's peer of it. */
  public SecretStore store() {
    return store;
  }

  /** The port of the HTTPS delivery endpoint. */
  public int deliveryPort() {
    return delivery.port();
  }

  /** The delivery CA bundle (PEM) that agents trust. */
  public String deliveryCaBundle() {
    return delivery.caBundle();
  }

  /** The port of /metrics, /healthz and /readyz. */
  public int healthPort() {
    return health.port();
  }

  /** Opens the store with the key-encryption key, then starts reconciling. */
  public static OperatorProcess start(
      OperatorConfig config, KubernetesClient client, Clock clock, SecureRandom random)
      throws IOException {
    // TCP_NODELAY on the connections the JDK's HTTP servers accept (delivery, health). Without it
    // their separate writes of headers and body meet Nagle's algorithm and the client's delayed
    // ACK: every delivery on a kept-alive connection waited 40 ms (measured: p50 44 ms and 690
    // deliveries/s at 32 concurrent; with it p50 7.6 ms and 3,100/s). JVM-wide, read when the
    // first server starts; an explicit -Dsun.net.httpserver.nodelay wins.
    if (System.getProperty(HTTP_SERVER_NODELAY) == null) {
      System.setProperty(HTTP_SERVER_NODELAY, "true");
    }
    RaftSecretStore store =
        new RaftSecretStore(
            new StoreConfig(
                config.id(),
                config.peers(),
                config.dataDir(),
                config.peerTls(),
                false,
                true,
                StoreConfig.Transport.GRPC,
                StoreTuning.defaults(),
                clock,
                random));
    try (KeyEncryptionKey kek = KeyEncryptionKey.read(config.keyFile())) {
      store.unlock(kek);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.info("store unlocked as peer {} of {}", config.id(), config.peers().size());

    SealingKeys sealingKeys = new SealingKeys(store, random);
    sealingKeys.ensure();
    sealingKeys.publish(client, config.namespace());

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    StrongroomMetrics metrics = new StrongroomMetrics(registry);
    metrics.watchStore(store);
    HealthServer health;
    DeliveryEndpoint delivery;
    try {
      delivery =
          DeliveryEndpoint.start(
              DeliverySettings.defaults(
                  config.deliveryPort(), config.namespace(), deliveryHosts(config)),
              store,
              client,
              registry,
              clock,
              random);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      health = HealthServer.start(config.metricsPort(), registry, store::health);
    } catch (IOException | RuntimeException e) {
      delivery.close();
      store.close();
      throw e;
    }

    EventRecorder events = new EventRecorder(client, clock);
    LeaseLoss leaseLoss = new LeaseLoss();
    ControllerStores stores = new ControllerStores();
    SwarmServiceReconciler services =
        new SwarmServiceReconciler(
            stores,
            store,
            new DeploymentRenderer(config.agent()),
            events,
            metrics,
            clock,
            delivery::publishCaBundleFor);
    RevisionSweeper sweeper =
        new RevisionSweeper(
            store,
            RevisionSweeper.existingServices(client),
            metrics,
            config.revisionSweepInterval());
    Operator operator =
        new Operator(
            o -> {
              // The client belongs to the caller, which may restart the operator on it.
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        LEASE,
                        config.namespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        config.id(),
                        leaseLoss.callbacks(sweeper::start),
                        false));
              }
            });
    SwarmSecretReconciler.create(stores, store, sealingKeys, client, events, metrics, clock, random)
        .registerWith(operator);
    services.registerWith(operator);
    OperatorProcess process =
        new OperatorProcess(store, operator, health, gc, delivery, leaseLoss, events, sweeper);
    try {
      operator.start();
    } catch (RuntimeException e) {
      // Readiness is the store's alone, so a process whose reconcilers cannot start must not leave
      // its health server (or anything else) answering.
      process.close();
      throw e;
    }
    if (!config.leaderElection()) {
      sweeper.start();
    }
    LOG.info("reconciling SwarmSecrets and SwarmServices; health on port {}", health.port());
    return process;
  }

  /** The host of the URL agents are told to use, so the serving certificate names it. */
  private static List<String> deliveryHosts(OperatorConfig config) {
    String host = URI.create(config.agent().deliveryUrl()).getHost();
    return host == null ? List.of() : List.of(host);
  }

  @Override
  public void close() {
    leaseLoss.closing();
    sweeper.close();
    try {
      operator.stop();
    } finally {
      events.close();
      delivery.close();
      health.close();
      gc.close();
      store.close();
    }
  }
}
