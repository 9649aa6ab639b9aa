package dev.strongroom.cli;

import dev.strongroom.crypto.SealedBox;
import dev.strongroom.crypto.SealingPublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Seals values locally to the cluster's public key (HPKE, {@link SealedBox}); the key is fetched
 * once, on the first value, so a stack without values to seal needs no key at all.
 */
final class PublicKeySealer implements SecretSealer {
  private final Supplier<SealingPublicKey> keySource;
  private final SecureRandom random;
  private SealingPublicKey key;

  PublicKeySealer(Supplier<SealingPublicKey> keySource, SecureRandom random) {
    this.keySource = keySource;
    this.random = random;
  }

  @Override
  public String seal(String namespace, String name, byte[] plaintext) {
    if (key == null) {
      key = keySource.get();
    }
    return Base64.getEncoder()
        .encodeToString(SealedBox.seal(key, namespace, name, plaintext, random));
  }
}
