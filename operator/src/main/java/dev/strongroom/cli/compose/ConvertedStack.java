package dev.strongroom.cli.compose;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack converted to Kubernetes objects, with the external secrets it expects to exist (Swarm
 * names, for the caller to check) and what the converter ignored.
 */
public record ConvertedStack(
    List<SwarmSecret> secrets,
    List<SwarmService> services,
    List<String> externalSecrets,
    List<String> warnings) {

  /** The secrets, then the services: the order in which to apply them. */
  public List<HasMetadata> manifests() {
    List<HasMetadata> manifests = new ArrayList<>(secrets);
    manifests.addAll(services);
    return manifests;
  }
}
