package dev.strongroom.cli.compose;

import dev.strongroom.api.SealedSource;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import dev.strongroom.cli.SecretSealer;
import dev.strongroom.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns a file or environment secret into a SwarmSecret whose value is sealed; the plaintext lives
 * only in one byte array, which is zeroed once sealed.
 */
final class SecretConverter {
  private final SecretSealer sealer;
  private final Map<String, String> environment;

  SecretConverter(SecretSealer sealer, Map<String, String> environment) {
    this.sealer = sealer;
    this.environment = environment;
  }

  /**
   * The Swarm name, as Docker names it: {@code name} when given, the key for an external secret,
   * else {@code <stack>_<key>}.
   */
  static String swarmName(String stack, SecretDefinition secret) {
    if (secret.name() != null) {
      return secret.name().value();
    }
    return secret.external() ? secret.key() : stack + "_" + secret.key();
  }

  /** Checks a Swarm name against Swarm's rule; {@code at} places the error. */
  static String checkedSwarmName(String name, SecretDefinition secret) {
    Location at = secret.name() != null ? secret.name().location() : secret.location();
    if (!StrongroomApi.isSwarmName(name)) {
      throw new ComposeException(
          at,
          "secrets."
              + secret.key()
              + ": '"
              + name
              + "' is not a valid Swarm secret name (at most 64 of [a-zA-Z0-9-_.],"
              + " alphanumeric ends)");
    }
    return name;
  }

  SwarmSecret convert(
      SecretDefinition secret, String swarmName, String stack, String namespace, Path directory) {
    String name = KubernetesNames.forSecret(swarmName);
    String path = "secrets." + secret.key();
    if (namespace == null) {
      throw new ComposeException(
          secret.location(),
          path + ": a sealed value is bound to a namespace: give one with -n NAMESPACE");
    }
    byte[] plaintext =
        secret.file() != null ? readFile(secret, directory) : readEnvironment(secret);
    String sealed;
    try {
      sealed = sealer.seal(namespace, name, plaintext);
    } catch (UserError e) {
      throw new ComposeException(secret.location(), path + ": " + e.getMessage(), e.exitCode());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    SwarmSecret object = new SwarmSecret();
    object.getMetadata().setName(name);
    object.getMetadata().setNamespace(namespace);
    object.getMetadata().setLabels(Map.of(StackLabels.NAMESPACE, stack));
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setName(swarmName);
    SecretSource source = new SecretSource();
    source.setSealed(new SealedSource(sealed));
    spec.setSource(source);
    object.setSpec(spec);
    return object;
  }

  private byte[] readFile(SecretDefinition secret, Path directory) {
    Located<String> file = secret.file();
    String written = file.value();
    Path path;
    if (written.equals("~") || written.startsWith("~/")) {
      String home = environment.get("HOME");
      if (home == null) {
        throw new ComposeException(file.location(), "cannot expand ~: HOME is not set");
      }
      path = Path.of(home + written.substring(1));
    } else {
      path = directory.resolve(written);
    }
    String where = "secrets." + secret.key() + ".file: " + written;
    try {
      if (!Files.isRegularFile(path)) {
        throw new ComposeException(file.location(), where + ": no such file");
      }
      checkSize(Files.size(path), file.location(), where);
      return checked(Files.readAllBytes(path), file.location(), where);
    } catch (NoSuchFileException e) {
      throw new ComposeException(file.location(), where + ": no such file");
    } catch (IOException e) {
      throw new ComposeException(
          file.location(), where + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private byte[] readEnvironment(SecretDefinition secret) {
    Located<String> variable = secret.environment();
    String where = "secrets." + secret.key() + ".environment: " + variable.value();
    String value = environment.get(variable.value());
    if (value == null) {
      throw new ComposeException(
          variable.location(),
          "secrets." + secret.key() + ".environment: variable " + variable.value() + " is not set");
    }
    return checked(value.getBytes(StandardCharsets.UTF_8), variable.location(), where);
  }

  /** The value when its size is allowed; otherwise it is zeroed and an error thrown. */
  private static byte[] checked(byte[] value, Location at, String where) {
    if (value.length < 1 || value.length > StrongroomApi.MAX_VALUE_BYTES) {
      Arrays.fill(value, (byte) 0);
      checkSize(value.length, at, where);
    }
    return value;
  }

  private static void checkSize(long size, Location at, String where) {
    if (size < 1 || size > StrongroomApi.MAX_VALUE_BYTES) {
      throw new ComposeException(
          at, where + ": a secret value is 1 byte to 500 KiB, this one is " + size + " bytes");
    }
  }
}
