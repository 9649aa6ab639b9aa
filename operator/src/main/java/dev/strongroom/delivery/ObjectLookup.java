package dev.strongroom.delivery;

import java.util.Optional;

/** Reads the objects the authorizer walks; empty when the object does not exist. */
public interface ObjectLookup {
  /**
   * The object, or empty; throws {@link DeliveryRefusedException} with {@link Refusal#UNAVAILABLE}
   * when the API server cannot answer.
   */
  Optional<ObjectRecord> find(String namespace, OwnerKind kind, String name);

  /**
   * The object expected to have {@code uid} (a token's pod, an owner reference's target); a cache
   * answers only when its copy has that UID, so an object re-created under the same name is read
   * afresh.
   */
  default Optional<ObjectRecord> findWithUid(
      String namespace, OwnerKind kind, String name, String uid) {
    return find(namespace, kind, name);
  }
}
