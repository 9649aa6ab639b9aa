package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of a rendered object, kept as an annotation to tell whether it must be applied again.
 */
final class RenderDigest {
  static final String ANNOTATION = "strongroom.dev/render-digest";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private RenderDigest() {}

  static String of(HasMetadata rendered) {
    byte[] digest = sha256().digest(JSON.asJson(rendered).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
