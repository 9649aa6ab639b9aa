package dev.strongroom;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.reconcile.DeploymentRenderer;
import dev.strongroom.reconcile.EventRecorder;
import dev.strongroom.reconcile.SealingKeys;
import dev.strongroom.reconcile.SwarmSecretReconciler;
import dev.strongroom.reconcile.SwarmServiceReconciler;
import dev.strongroom.store.RaftSecretStore;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.StoreConfig;
import dev.strongroom.store.StoreTuning;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wiring of a running operator: the store, the sealing keys and the two reconcilers. */
public final class OperatorProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);

  private final SecretStore store;
  private final Operator operator;

  private OperatorProcess(SecretStore store, Operator operator) {
    this.store = store;
    this.operator = operator;
  }

  /** Opens the store with the key-encryption key, then starts reconciling. */
  public static OperatorProcess start(
      OperatorConfig config, KubernetesClient client, Clock clock, SecureRandom random)
      throws IOException {
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

    EventRecorder events = new EventRecorder(client, clock);
    // The client belongs to the caller, which may restart the operator on it.
    Operator operator =
        new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(
        SwarmSecretReconciler.create(store, sealingKeys, client, events, clock, random));
    operator.register(
        new SwarmServiceReconciler(store, new DeploymentRenderer(config.agent()), events, clock));
    operator.start();
    LOG.info("reconciling SwarmSecrets and SwarmServices");
    return new OperatorProcess(store, operator);
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      store.close();
    }
  }
}
