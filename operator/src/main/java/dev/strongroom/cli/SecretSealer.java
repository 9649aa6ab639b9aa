package dev.strongroom.cli;

/**
 * Seals a secret value to the cluster's public sealing key, bound to the SwarmSecret's namespace
 * and {@code metadata.name}; the result is the base64 envelope for {@code spec.source.sealed.data}.
 */
public interface SecretSealer {
  /**
   * Seals {@code plaintext}. The caller zeroes the array afterwards; implementations must not keep,
   * log or copy it beyond the encryption.
   *
   * @throws UserError when sealing is not possible (no key, bad certificate)
   */
  String seal(String namespace, String name, byte[] plaintext);
}
