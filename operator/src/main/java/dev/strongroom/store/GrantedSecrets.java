package dev.strongroom.store;

import java.util.List;
import java.util.Optional;

/**
 * A grant revision with the secret versions it grants, in grant order, read together; a version
 * deleted since the revision was recorded is empty. {@link #close()} zeroes the values.
 */
public record GrantedSecrets(GrantRevision revision, List<Optional<SecretVersion>> versions)
    implements AutoCloseable {
  public GrantedSecrets {
    versions = List.copyOf(versions);
    if (versions.size() != revision.grants().size()) {
      throw new IllegalArgumentException("one version per grant");
    }
  }

  @Override
  public void close() {
    versions.forEach(v -> v.ifPresent(SecretVersion::close));
  }
}
