package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.FromSecretSource;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.crypto.SealedBox;
import dev.strongroom.crypto.UnsealException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;

/**
 * Turns a SwarmSecret's source into its value: opens a sealed envelope, draws a generated value, or
 * reads a Kubernetes Secret. Every failure is a {@link SecretSourceException} with a reason.
 */
final class SecretValueResolver {
  private final KubernetesClient client;
  private final SealingKeys sealingKeys;
  private final ValueGenerator generator;

  SecretValueResolver(KubernetesClient client, SealingKeys sealingKeys, ValueGenerator generator) {
    this.client = client;
    this.sealingKeys = sealingKeys;
    this.generator = generator;
  }

  /** The value; the caller zeroes it when done. */
  byte[] resolve(SwarmSecret secret) throws SecretSourceException {
    SecretSource source = secret.getSpec().getSource();
    byte[] value;
    if (source.getSealed() != null) {
      value = open(secret, source.getSealed().getData());
    } else if (source.getGenerate() != null) {
      value =
          generator.generate(
              SourceOrigin.length(source.getGenerate()),
              SourceOrigin.charset(source.getGenerate()));
    } else {
      value = read(secret.getMetadata().getNamespace(), source.getFromSecret());
    }
    checkSize(value);
    return value;
  }

  private byte[] open(SwarmSecret secret, String data) throws SecretSourceException {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    byte[] envelope;
    try {
      envelope = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      // Its schema pattern rejects most such data; an object admitted before it was tightened
      // still gets a reason rather than a failed reconcile.
      throw new SecretSourceException(
          Reasons.SEALED_VALUE_UNOPENABLE,
          "source.sealed.data is not valid base64 (cut short when copied?); seal the value again"
              + " with strongroom secret create NAME FILE --dry-run -o yaml");
    }
    try {
      if (sealingKeys.current().publicKeys().stream()
          .noneMatch(k -> k.id().equals(keyIdOrEmpty(envelope)))) {
        sealingKeys.reload();
      }
      return SealedBox.open(sealingKeys.current(), namespace, name, envelope);
    } catch (UnsealException e) {
      throw new SecretSourceException(
          Reasons.SEALED_VALUE_UNOPENABLE, "the sealed value cannot be opened: " + e.getMessage());
    }
  }

  private static String keyIdOrEmpty(byte[] envelope) {
    try {
      return SealedBox.keyId(envelope);
    } catch (UnsealException e) {
      return "";
    }
  }

  private byte[] read(String namespace, FromSecretSource from) throws SecretSourceException {
    Secret secret = client.secrets().inNamespace(namespace).withName(from.getName()).get();
    if (secret == null) {
      throw new SecretSourceException(
          Reasons.KUBERNETES_SECRET_NOT_FOUND,
          "Kubernetes Secret '"
              + from.getName()
              + "' not found in namespace "
              + namespace
              + "; create it or change source.fromSecret.name");
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(from.getKey());
    if (encoded == null) {
      throw new SecretSourceException(
          Reasons.KUBERNETES_SECRET_KEY_NOT_FOUND,
          "Kubernetes Secret '"
              + from.getName()
              + "' has no key '"
              + from.getKey()
              + "'; add it or change source.fromSecret.key");
    }
    return Base64.getDecoder().decode(encoded);
  }

  private static void checkSize(byte[] value) throws SecretSourceException {
    if (value.length == 0) {
      throw new SecretSourceException(
          Reasons.VALUE_EMPTY, "the value is empty; a secret holds 1 byte to 500 KiB");
    }
    if (value.length > StrongroomApi.MAX_VALUE_BYTES) {
      int size = value.length;
      java.util.Arrays.fill(value, (byte) 0);
      throw new SecretSourceException(
          Reasons.VALUE_TOO_LARGE,
          "the value is " + size + " bytes; a secret holds at most 500 KiB (512000 bytes)");
    }
  }
}
