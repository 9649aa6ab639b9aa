package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import dev.strongroom.api.UpdateConfig;
import dev.strongroom.cli.compose.KubernetesNames;
import dev.strongroom.cli.compose.StackLabels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom service create`: a SwarmService with one container and its secret grants. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a SwarmService: NAME runs --image with the secrets it is granted, each delivered"
          + " as /run/secrets/<target>; prints the service's ID.",
      "ARG... become the container's arguments, as in docker service create."
    })
final class ServiceCreateCommand implements Callable<Integer> {
  private static final String NAME = "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand ServiceCommand parent;

  @Mixin KubeOptions kube;

  @Mixin ManifestOutput manifest;

  @Parameters(index = "0", paramLabel = "NAME", description = "The service's Swarm name.")
  String name;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "The container's arguments.")
  List<String> args = new ArrayList<>();

  @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The image.")
  String image;

  @Option(
      names = "--replicas",
      paramLabel = "N",
      defaultValue = "1",
      description = "The number of pods (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(
      names = "--secret",
      paramLabel = "SPEC",
      converter = SecretGrantConverter.class,
      description =
          "A secret to grant: NAME, or source=NAME,target=FILE,uid=U,gid=G,mode=0400; repeat.")
  List<SecretGrant> secrets = new ArrayList<>();

  @Option(
      names = {"-e", "--env"},
      paramLabel = "KEY=VALUE",
      description = "An environment variable; repeat.")
  Map<String, String> env = new TreeMap<>();

  @Option(
      names = {"-l", "--label"},
      paramLabel = "KEY=VALUE",
      description = "A label on the SwarmService; repeat.")
  Map<String, String> labels = new TreeMap<>();

  @Option(
      names = "--update-parallelism",
      paramLabel = "N",
      description = "Pods updated at once when grants change (0: all at once).")
  Integer updateParallelism;

  @Option(
      names = "--update-monitor",
      paramLabel = "DURATION",
      description = "How long a new pod must stay ready before the rollout goes on (e.g. 5s).")
  String updateMonitor;

  @Override
  public Integer call() {
    if (name.length() > KubernetesNames.MAX_LABEL || !name.matches(NAME)) {
      throw new UserError(
          "invalid service name '"
              + name
              + "': at most 63 of [a-zA-Z0-9-_.], starting and ending with a letter or digit");
    }
    if (replicas < 0) {
      throw new UserError("--replicas must be 0 or more");
    }
    List<SecretGrant> grants = SecretGrants.add(List.of(), secrets);
    boolean printOnly = manifest.printOnly();
    try (Session session = new Session(parent.root.connections(), kube)) {
      SwarmService service = service(session.namespace(), grants);
      PrintWriter out = spec.commandLine().getOut();
      if (printOnly) {
        out.print(manifest.render(List.of(service)));
      } else {
        GrantedSecrets.requireExisting(session.client(), session.namespace(), grants);
        try {
          out.println(ShortIds.of(session.client().resource(service).create()));
        } catch (KubernetesClientException e) {
          if (e.getCode() == 409) {
            throw new UserError(
                "service '" + name + "' already exists; change it with strongroom service update");
          }
          throw e;
        }
      }
      out.flush();
    }
    return 0;
  }

  private SwarmService service(String namespace, List<SecretGrant> grants) {
    SwarmService service = new SwarmService();
    service.getMetadata().setName(KubernetesNames.forLabel(name));
    service.getMetadata().setNamespace(namespace);
    if (!labels.isEmpty()) {
      service.getMetadata().setLabels(new TreeMap<>(labels));
    }
    SwarmServiceSpec serviceSpec = new SwarmServiceSpec();
    serviceSpec.setReplicas(replicas);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(KubernetesNames.forLabel(name))
            .withImage(image)
            .withEnv(
                env.entrySet().stream()
                    .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
                    .toList());
    if (!args.isEmpty()) {
      container.withArgs(args);
    }
    serviceSpec.setTemplate(
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(Map.of(StackLabels.SERVICE_NAME, name))
            .endMetadata()
            .withNewSpec()
            .withContainers(container.build())
            .endSpec()
            .build());
    serviceSpec.setSecrets(new ArrayList<>(grants));
    if (updateParallelism != null || updateMonitor != null) {
      UpdateConfig update = new UpdateConfig();
      update.setParallelism(updateParallelism);
      update.setMonitor(updateMonitor);
      serviceSpec.setUpdate(update);
    }
    service.setSpec(serviceSpec);
    return service;
  }
}
