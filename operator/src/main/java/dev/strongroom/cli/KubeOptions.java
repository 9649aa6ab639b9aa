package dev.strongroom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every verb that talks to the cluster shares, named as kubectl names them. */
final class KubeOptions {
  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "The namespace; default: the kubeconfig context's, else 'default'.")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "The kubeconfig file; default: $KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "CONTEXT",
      description = "The kubeconfig context; default: its current context.")
  String context;
}
