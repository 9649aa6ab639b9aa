package dev.strongroom.reconcile;

import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import dev.strongroom.api.UpdateConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a SwarmService's Deployment: its pod template plus the in-memory {@code /run/secrets}
 * volume, the agent init container that fills it, the token the agent presents, and the grant
 * revision annotation whose change rolls the pods.
 */
public final class DeploymentRenderer {
  static final String SECRETS_VOLUME = "strongroom-secrets";
  static final String TOKEN_VOLUME = "strongroom-token";
  static final String TOKEN_DIR = "/var/run/strongroom";
  static final String AGENT_CONTAINER = "strongroom-agent";
  static final String CA_CONFIG_MAP = "strongroom-ca";
  static final long TOKEN_SECONDS = 600;

  /** tmpfs accounting rounds each file up to a page; the slack covers the directory itself. */
  private static final long PAGE = 4096;

  private static final long SLACK = 64 * 1024;

  private final AgentSettings agent;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  public DeploymentRenderer(AgentSettings agent) {
    this.agent = agent;
  }

  AgentSettings agent() {
    return agent;
  }

  public Deployment render(SwarmService service, GrantSet grants) {
    SwarmServiceSpec spec = service.getSpec();
    String name = service.getMetadata().getName();
    Map<String, String> selector = Map.of(StrongroomApi.SERVICE_LABEL, name);
    PodTemplateSpec template = copy(spec.getTemplate());
    ObjectMeta podMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    podMeta.setLabels(merged(podMeta.getLabels(), selector));
    podMeta.setAnnotations(
        merged(
            podMeta.getAnnotations(),
            Map.of(StrongroomApi.GRANT_REVISION_ANNOTATION, Long.toString(grants.revision()))));
    template.setMetadata(podMeta);
    addSecretsPlumbing(template.getSpec(), grants);

    UpdateConfig update = spec.getUpdate() == null ? new UpdateConfig() : spec.getUpdate();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(service.getMetadata().getNamespace())
        .withLabels(
            new TreeMap<>(
                Map.of(
                    StrongroomApi.SERVICE_LABEL,
                    name,
                    "app.kubernetes.io/managed-by",
                    "strongroom")))
        .endMetadata()
        .withNewSpec()
        .withReplicas(spec.getReplicas() == null ? 1 : spec.getReplicas())
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withTemplate(template)
        .withStrategy(strategy(update))
        .withMinReadySeconds(Durations.seconds(update.getMonitor(), 5))
        .withProgressDeadlineSeconds(
            Math.max(
                Durations.seconds(update.getProgressDeadline(), 600),
                Durations.seconds(update.getMonitor(), 5) + 1))
        .endSpec()
        .build();
  }

  private void addSecretsPlumbing(PodSpec pod, GrantSet grants) {
    List<Volume> volumes = new ArrayList<>(listOrEmpty(pod.getVolumes()));
    volumes.add(
        new VolumeBuilder()
            .withName(SECRETS_VOLUME)
            .withNewEmptyDir()
            .withMedium("Memory")
            .withSizeLimit(new Quantity(Long.toString(sizeLimit(grants))))
            .endEmptyDir()
            .build());
    volumes.add(
        new VolumeBuilder()
            .withName(TOKEN_VOLUME)
            .withNewProjected()
            .addNewSource()
            .withNewServiceAccountToken()
            .withAudience(StrongroomApi.TOKEN_AUDIENCE)
            .withExpirationSeconds(TOKEN_SECONDS)
            .withPath("token")
            .endServiceAccountToken()
            .endSource()
            .addNewSource()
            .withNewConfigMap()
            .withName(CA_CONFIG_MAP)
            .addNewItem()
            .withKey("ca.crt")
            .withPath("ca.crt")
            .endItem()
            .endConfigMap()
            .endSource()
            .endProjected()
            .build());
    pod.setVolumes(volumes);

    VolumeMount readOnly =
        new VolumeMountBuilder()
            .withName(SECRETS_VOLUME)
            .withMountPath(StrongroomApi.SECRETS_DIR)
            .withReadOnly(true)
            .build();
    for (Container container : pod.getContainers()) {
      List<VolumeMount> mounts = new ArrayList<>(listOrEmpty(container.getVolumeMounts()));
      mounts.add(readOnly);
      container.setVolumeMounts(mounts);
    }
    List<Container> init = new ArrayList<>();
    init.add(agentContainer());
    init.addAll(listOrEmpty(pod.getInitContainers()));
    pod.setInitContainers(init);
  }

  private Container agentContainer() {
    return new ContainerBuilder()
        .withName(AGENT_CONTAINER)
        .withImage(agent.image())
        .withImagePullPolicy(agent.imagePullPolicy())
        .withCommand(AgentSettings.AGENT_COMMAND)
        .withArgs(
            "--dir=" + StrongroomApi.SECRETS_DIR,
            "--server=" + agent.deliveryUrl(),
            "--token-file=" + TOKEN_DIR + "/token",
            "--ca-file=" + TOKEN_DIR + "/ca.crt")
        .addNewVolumeMount()
        .withName(SECRETS_VOLUME)
        .withMountPath(StrongroomApi.SECRETS_DIR)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(TOKEN_VOLUME)
        .withMountPath(TOKEN_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        // Root only to chown files to the granted uid/gid; every other capability is dropped.
        .withNewSecurityContext()
        .withRunAsUser(0L)
        .withRunAsNonRoot(false)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .withAdd("CHOWN", "FOWNER")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(
            new TreeMap<>(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("32Mi"))))
        .withLimits(Map.of("memory", new Quantity("96Mi")))
        .endResources()
        .build();
  }

  /** Swarm's update_config as a rolling update: parallelism 0 means all pods at once. */
  static DeploymentStrategy strategy(UpdateConfig update) {
    int parallelism = update.getParallelism() == null ? 1 : update.getParallelism();
    IntOrString step = parallelism == 0 ? new IntOrString("100%") : new IntOrString(parallelism);
    IntOrString none = new IntOrString(0);
    boolean startFirst = update.getOrder() == UpdateConfig.Order.START_FIRST;
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(startFirst ? step : none)
        .withMaxUnavailable(startFirst ? none : step)
        .endRollingUpdate()
        .build();
  }

  static long sizeLimit(GrantSet grants) {
    long total = SLACK;
    long bytes = grants.valueBytes();
    total += ((bytes + PAGE - 1) / PAGE) * PAGE + (long) grants.grants().size() * PAGE;
    return total;
  }

  private PodTemplateSpec copy(PodTemplateSpec template) {
    return serialization.clone(template);
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> extra) {
    // Sorted, so the same render always serializes alike (see RenderDigest).
    Map<String, String> result = new TreeMap<>(base == null ? Map.of() : base);
    result.putAll(extra);
    return result;
  }
}
