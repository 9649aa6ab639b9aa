package dev.strongroom.delivery;

import dev.strongroom.store.Grant;
import dev.strongroom.store.GrantRevision;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.SecretVersion;
import dev.strongroom.store.StoreException;
import dev.strongroom.store.StoreLockedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a token with exactly the secret versions of its pod's grant revision, read linearizably
 * from the store.
 */
public final class DeliveryService {
  private final DeliveryAuthorizer authorizer;
  private final SecretStore store;

  public DeliveryService(DeliveryAuthorizer authorizer, SecretStore store) {
    this.authorizer = authorizer;
    this.store = store;
  }

  /** The delivery for {@code token}; throws {@link DeliveryRefusedException} when refused. */
  public Delivery deliver(String token) {
    return deliver(token, new RequestSubject());
  }

  /** {@link #deliver(String)}, noting the pod in {@code subject} for the audit log. */
  public Delivery deliver(String token, RequestSubject subject) {
    AuthorizedPod pod = authorizer.authorize(token, subject);
    try {
      GrantRevision revision =
          store
              .readGrantRevision(pod.namespace(), pod.service(), pod.revision())
              .orElseThrow(() -> new DeliveryRefusedException(Refusal.UNKNOWN_REVISION));
      return read(pod, revision);
    } catch (StoreLockedException e) {
      throw new DeliveryRefusedException(Refusal.STORE_LOCKED);
    } catch (StoreException e) {
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE);
    }
  }

  private Delivery read(AuthorizedPod pod, GrantRevision revision) {
    List<String> names = new ArrayList<>();
    List<DeliveryFormat.File> files = new ArrayList<>();
    try {
      for (Grant grant : revision.grants()) {
        Optional<SecretVersion> version =
            store.readSecretVersion(pod.namespace(), grant.secretName(), grant.secretVersion());
        if (version.isEmpty()) {
          throw new DeliveryRefusedException(Refusal.REVISION_GONE);
        }
        try (SecretVersion v = version.get()) {
          files.add(
              new DeliveryFormat.File(
                  grant.target(),
                  (int) Long.parseLong(grant.uid()),
                  (int) Long.parseLong(grant.gid()),
                  grant.mode(),
                  v.value().bytes()));
        }
        names.add(grant.secretName());
      }
    } catch (RuntimeException e) {
      files.forEach(DeliveryFormat.File::close);
      throw e;
    }
    return new Delivery(pod, names, files);
  }
}
