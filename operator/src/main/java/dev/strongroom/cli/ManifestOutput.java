package dev.strongroom.cli;

import dev.strongroom.cli.compose.ManifestWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --dry-run [-o yaml|json]}: print the manifest instead of applying it. */
final class ManifestOutput {
  @Option(
      names = "--dry-run",
      arity = "0..1",
      fallbackValue = "client",
      paramLabel = "client",
      description =
          "Print the manifest instead of applying it (safe to commit: values are sealed).")
  String dryRun;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "yaml|json",
      description = "With --dry-run: the format of the manifest (default: yaml).")
  String output;

  /** Whether to print rather than apply; checks the combination of the two options. */
  boolean printOnly() {
    if (dryRun != null && !dryRun.equals("client")) {
      throw new UserError("--dry-run takes 'client' or nothing, not '" + dryRun + "'");
    }
    if (output != null && !output.equals("yaml") && !output.equals("json")) {
      throw new UserError("-o takes yaml or json, not '" + output + "'");
    }
    if (output != null && dryRun == null) {
      throw new UserError("-o " + output + " prints a manifest: use it with --dry-run");
    }
    return dryRun != null;
  }

  String render(List<? extends HasMetadata> objects) {
    if ("json".equals(output)) {
      KubernetesSerialization serialization = new KubernetesSerialization();
      StringBuilder out = new StringBuilder();
      objects.forEach(o -> out.append(serialization.asJson(o)).append('\n'));
      return out.toString();
    }
    return new ManifestWriter().write(objects);
  }
}
