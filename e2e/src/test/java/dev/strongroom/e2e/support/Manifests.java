package dev.strongroom.e2e.support;

import dev.strongroom.api.FromSecretSource;
import dev.strongroom.api.GenerateSource;
import dev.strongroom.api.SealedSource;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import dev.strongroom.api.UpdateConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builders for the SwarmSecrets and SwarmServices that tests apply. */
public final class Manifests {
  private Manifests() {}

  public static SwarmSecret generated(String name, String swarmName) {
    SecretSource source = new SecretSource();
    source.setGenerate(new GenerateSource(24, GenerateSource.Charset.alphanumeric));
    return secret(name, swarmName, source);
  }

  /** A Kubernetes Secret {@code name} holding {@code value} under {@code key}. */
  public static Secret kubernetesSecret(String name, String key, byte[] value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData(key, Base64.getEncoder().encodeToString(value))
        .build();
  }

  /** {@link #kubernetesSecret(String, String, byte[])} of a text, as UTF-8. */
  public static Secret kubernetesSecret(String name, String key, String value) {
    return kubernetesSecret(name, key, value.getBytes(StandardCharsets.UTF_8));
  }

  public static SwarmSecret fromSecret(String name, String secretName, String key) {
    SecretSource source = new SecretSource();
    source.setFromSecret(new FromSecretSource(secretName, key));
    return secret(name, null, source);
  }

  public static SwarmSecret sealed(String name, String base64Envelope) {
    SecretSource source = new SecretSource();
    source.setSealed(new SealedSource(base64Envelope));
    return secret(name, null, source);
  }

  public static SwarmSecret secret(String name, String swarmName, SecretSource source) {
    SwarmSecret secret = new SwarmSecret();
    secret.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setName(swarmName);
    spec.setSource(source);
    secret.setSpec(spec);
    return secret;
  }

  /** A service of {@code replicas} pods whose rollouts do not wait (monitor 0s). */
  public static SwarmService service(String name, int replicas, SecretGrant... grants) {
    SwarmService service = new SwarmService();
    service.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SwarmServiceSpec spec = new SwarmServiceSpec();
    spec.setReplicas(replicas);
    spec.setTemplate(
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("postgres:16")
            .endContainer()
            .addNewContainer()
            .withName("sidecar")
            .withImage("busybox:1.36")
            .endContainer()
            .endSpec()
            .build());
    spec.setSecrets(new ArrayList<>(List.of(grants)));
    UpdateConfig update = new UpdateConfig();
    update.setMonitor("0s");
    update.setParallelism(0);
    spec.setUpdate(update);
    service.setSpec(spec);
    return service;
  }

  public static SecretGrant grant(String source) {
    return new SecretGrant(source, null);
  }

  public static SecretGrant grant(String source, String target, String uid, int mode) {
    SecretGrant grant = new SecretGrant(source, target);
    grant.setUid(uid);
    grant.setGid(uid);
    grant.setMode(mode);
    return grant;
  }
}
