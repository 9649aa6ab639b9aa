package dev.strongroom.cli;

import dev.strongroom.crypto.SealingPublicKey;
import dev.strongroom.reconcile.SealingKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Reads the cluster's public sealing key from a file or from the operator's ConfigMap. */
final class SealingKeySource {
  private SealingKeySource() {}

  /** The key from {@code --cert}, or else fetched through {@code client} when first needed. */
  static Supplier<SealingPublicKey> of(SealingOptions options, Supplier<KubernetesClient> client) {
    if (options.cert != null) {
      return () -> fromFile(options.cert);
    }
    return () -> fromCluster(client.get(), options.operatorNamespace);
  }

  static SealingPublicKey fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UserError("cannot read --cert " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return SealingPublicKey.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new UserError("--cert " + file + ": " + e.getMessage());
    }
  }

  static SealingPublicKey fromCluster(KubernetesClient client, String operatorNamespace) {
    ConfigMap map =
        client.configMaps().inNamespace(operatorNamespace).withName(SealingKeys.CONFIG_MAP).get();
    String published =
        map == null || map.getData() == null ? null : map.getData().get(SealingKeys.PUBLIC_KEY);
    if (published == null) {
      throw new UserError(
          "the cluster's sealing key is not published (no ConfigMap "
              + SealingKeys.CONFIG_MAP
              + " with "
              + SealingKeys.PUBLIC_KEY
              + " in namespace "
              + operatorNamespace
              + "): is the operator running there? Use --operator-namespace, or seal offline"
              + " with --cert FILE");
    }
    try {
      return SealingPublicKey.fromBase64(published);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "ConfigMap " + operatorNamespace + "/" + SealingKeys.CONFIG_MAP + ": " + e.getMessage());
    }
  }
}
