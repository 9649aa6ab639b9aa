package dev.strongroom.delivery;

import dev.strongroom.store.Grant;
import dev.strongroom.store.GrantedSecrets;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.SecretVersion;
import dev.strongroom.store.StoreException;
import dev.strongroom.store.StoreLockedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a token with exactly the secret versions of its pod's grant revision, read from the store
 * together with the revision in one linearizable read.
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
    try (GrantedSecrets granted =
        store
            .readGrantedSecrets(pod.namespace(), pod.service(), pod.revision())
            .orElseThrow(() -> new DeliveryRefusedException(Refusal.UNKNOWN_REVISION))) {
      // A revision of an earlier service by the same name (deleted, created again) is not this
      // service's, whatever an owner cache or an adopted ReplicaSet says.
      if (!granted.revision().belongsTo(pod.serviceUid())) {
        throw new DeliveryRefusedException(Refusal.UNKNOWN_REVISION);
      }
      return files(pod, granted);
    } catch (StoreLockedException e) {
      throw new DeliveryRefusedException(Refusal.STORE_LOCKED);
    } catch (StoreException e) {
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE);
    }
  }

  /** The delivery's files, with copies of the values (the caller zeroes them when done). */
  private static Delivery files(AuthorizedPod pod, GrantedSecrets granted) {
    List<String> names = new ArrayList<>();
    List<DeliveryFormat.File> files = new ArrayList<>();
    try {
      List<Grant> grants = granted.revision().grants();
      for (int i = 0; i < grants.size(); i++) {
        Grant grant = grants.get(i);
        SecretVersion version =
            granted
                .versions()
                .get(i)
                .orElseThrow(() -> new DeliveryRefusedException(Refusal.REVISION_GONE));
        files.add(
            new DeliveryFormat.File(
                grant.target(),
                (int) Long.parseLong(grant.uid()),
                (int) Long.parseLong(grant.gid()),
                grant.mode(),
                version.value().bytes()));
        names.add(grant.secretName());
      }
    } catch (RuntimeException e) {
      files.forEach(DeliveryFormat.File::close);
      throw e;
    }
    return new Delivery(pod, names, files);
  }
}
