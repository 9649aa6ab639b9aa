package dev.strongroom.cli;

/** The sealer until HPKE sealing to the cluster's key exists: it refuses, so nothing leaks. */
final class UnavailableSealer implements SecretSealer {
  static final String MESSAGE = "sealing needs the cluster's public key: not yet available";

  @Override
  public String seal(String namespace, String name, byte[] plaintext) {
    throw new UserError(MESSAGE, NotYetAvailable.EXIT_CODE);
  }
}
