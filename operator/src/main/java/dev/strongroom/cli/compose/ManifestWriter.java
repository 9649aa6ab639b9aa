package dev.strongroom.cli.compose;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** Writes Kubernetes objects as one multi-document YAML stream ({@code ---} before each). */
public final class ManifestWriter {
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  public String write(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      String yaml = serialization.asYaml(object);
      out.append(yaml.startsWith("---") ? "" : "---\n").append(yaml);
      if (!yaml.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
