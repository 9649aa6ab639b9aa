package dev.strongroom.cli.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stable Kubernetes names for Swarm names. A Swarm name that is already a valid name is kept; any
 * other (uppercase, {@code _}, too long) is lowercased, every other character becomes {@code -},
 * and {@code -} plus 8 hex digits of the SHA-256 of the Swarm name are appended, so two Swarm names
 * never share a Kubernetes name. A valid name that ends like such a suffix is hashed as well, so a
 * kept name cannot equal a hashed one.
 */
public final class KubernetesNames {
  /** Longest object name we produce for a SwarmSecret (a DNS subdomain allows 253). */
  public static final int MAX_OBJECT_NAME = 253;

  /** Longest DNS label: SwarmService names (they also become pod labels) and container names. */
  public static final int MAX_LABEL = 63;

  private static final Pattern SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern HASH_SUFFIX = Pattern.compile("-[0-9a-f]{8}$");
  private static final int HASH_LENGTH = 8;

  private KubernetesNames() {}

  /** The {@code metadata.name} for a SwarmSecret whose Swarm name is {@code swarmName}. */
  public static String forSecret(String swarmName) {
    return map(swarmName, SUBDOMAIN, MAX_OBJECT_NAME);
  }

  /** The {@code metadata.name} for a SwarmService, and the name of a container (DNS labels). */
  public static String forLabel(String swarmName) {
    return map(swarmName, LABEL, MAX_LABEL);
  }

  private static String map(String swarmName, Pattern valid, int maxLength) {
    if (swarmName.length() <= maxLength
        && valid.matcher(swarmName).matches()
        && !HASH_SUFFIX.matcher(swarmName).find()) {
      return swarmName;
    }
    String base =
        swarmName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]", "-")
            .replaceAll("-+", "-")
            .replaceAll("^-|-$", "");
    int room = maxLength - HASH_LENGTH - 1;
    if (base.length() > room) {
      base = base.substring(0, room).replaceAll("-$", "");
    }
    String hash = hash(swarmName);
    return base.isEmpty() ? hash : base + "-" + hash;
  }

  private static String hash(String swarmName) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(swarmName.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
