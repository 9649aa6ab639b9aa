package dev.strongroom.store;

import java.time.Instant;

/** A named, versioned blob of the operator's own key material (sealing keys, delivery CA). */
public record KeyMaterial(String name, long version, Instant createdAt, SecretValue material)
    implements AutoCloseable {
  @Override
  public void close() {
    material.close();
  }
}
