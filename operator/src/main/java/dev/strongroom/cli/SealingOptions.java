package dev.strongroom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the cluster's public sealing key comes from: a file, or the operator's ConfigMap. */
final class SealingOptions {
  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description =
          "The cluster's public sealing key (base64, the public-key of ConfigMap"
              + " strongroom-sealing-key), for sealing without contacting the cluster.")
  Path cert;

  @Option(
      names = "--operator-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "strongroom-system",
      description = "Where the operator publishes its sealing key (default: ${DEFAULT-VALUE}).")
  String operatorNamespace;
}
