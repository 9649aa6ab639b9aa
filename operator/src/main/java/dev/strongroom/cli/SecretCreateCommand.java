package dev.strongroom.cli;

import dev.strongroom.api.SealedSource;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import dev.strongroom.cli.compose.KubernetesNames;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom secret create`: seal a value locally and apply it as a SwarmSecret. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Seal a value to the cluster's public key, on this machine, and apply it as a SwarmSecret;"
          + " prints the secret's ID.",
      "The value is read from FILE, or from standard input with -; it never leaves this machine"
          + " unsealed and is never written to disk. Running it again with a new value stores a"
          + " new version, and the services granted the secret roll to it."
    })
final class SecretCreateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand SecretCommand parent;

  @Mixin KubeOptions kube;

  @Mixin SealingOptions sealing;

  @Mixin ManifestOutput manifest;

  @Parameters(index = "0", paramLabel = "NAME", description = "The Swarm name of the secret.")
  String name;

  @Parameters(index = "1", paramLabel = "FILE|-", description = "The value's file, or -.")
  String file;

  @Option(
      names = {"-l", "--label"},
      paramLabel = "KEY=VALUE",
      description = "A label on the SwarmSecret; repeat for more.")
  Map<String, String> labels = new TreeMap<>();

  @Override
  public Integer call() {
    checkName(name);
    boolean printOnly = manifest.printOnly();
    StrongroomCommand root = parent.root;
    try (Session session = new Session(root.connections(), kube)) {
      String namespace = session.namespace();
      String objectName = KubernetesNames.forSecret(name);
      SecretSealer sealer =
          new PublicKeySealer(SealingKeySource.of(sealing, session::client), root.random());
      byte[] value = new SecretValueReader().read(file, root.stdin());
      String sealed;
      try {
        sealed = sealer.seal(namespace, objectName, value);
      } finally {
        Arrays.fill(value, (byte) 0);
      }
      SwarmSecret secret = secret(namespace, objectName, sealed);
      PrintWriter out = spec.commandLine().getOut();
      if (printOnly) {
        out.print(manifest.render(List.of(secret)));
      } else {
        SwarmSecret applied =
            session
                .client()
                .resource(secret)
                .fieldManager(FieldManagers.CLI)
                .forceConflicts()
                .serverSideApply();
        out.println(ShortIds.of(applied));
      }
      out.flush();
    }
    return 0;
  }

  private SwarmSecret secret(String namespace, String objectName, String sealed) {
    SwarmSecret secret = new SwarmSecret();
    secret.getMetadata().setName(objectName);
    secret.getMetadata().setNamespace(namespace);
    if (!labels.isEmpty()) {
      secret.getMetadata().setLabels(new TreeMap<>(labels));
    }
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setName(name);
    SecretSource source = new SecretSource();
    source.setSealed(new SealedSource(sealed));
    spec.setSource(source);
    secret.setSpec(spec);
    return secret;
  }

  static void checkName(String name) {
    if (!StrongroomApi.isSwarmName(name)) {
      throw new UserError(
          "invalid secret name '"
              + name
              + "': at most 64 of [a-zA-Z0-9-_.], starting and ending with a letter or digit");
    }
  }
}
