package dev.strongroom.cli;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.SwarmSecret;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code secret ls} and {@code secret inspect} show of a SwarmSecret: never its value. */
final class SecretViews {
  static final List<String> HEADER =
      List.of("ID", "NAME", "VERSION", "IN USE", "CREATED", "UPDATED");

  private SecretViews() {}

  /** One {@code secret ls} row. */
  static List<String> row(SwarmSecret secret, List<String> usedBy, Instant now) {
    Long version = secret.getStatus() == null ? null : secret.getStatus().getVersion();
    return List.of(
        ShortIds.of(secret),
        secret.swarmName(),
        version == null ? "-" : version.toString(),
        usedBy.isEmpty() ? "no" : "yes",
        HumanTime.ago(createdAt(secret), now),
        HumanTime.ago(updatedAt(secret), now));
  }

  /** One {@code secret ls --format json} line, with Docker's field names. */
  static Map<String, Object> summary(SwarmSecret secret, List<String> usedBy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ID", ShortIds.of(secret));
    json.put("Name", secret.swarmName());
    json.put("Version", secret.getStatus() == null ? null : secret.getStatus().getVersion());
    json.put("InUse", !usedBy.isEmpty());
    json.put("UsedBy", usedBy);
    json.put("CreatedAt", createdAt(secret));
    json.put("UpdatedAt", updatedAt(secret));
    json.put("Labels", labels(secret));
    return json;
  }

  /** The {@code secret inspect} document, shaped like {@code docker secret inspect}. */
  static Map<String, Object> inspect(SwarmSecret secret, List<String> usedBy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ID", ShortIds.full(secret));
    Long version = secret.getStatus() == null ? null : secret.getStatus().getVersion();
    json.put("Version", Map.of("Index", version == null ? 0 : version));
    json.put("CreatedAt", createdAt(secret));
    json.put("UpdatedAt", updatedAt(secret));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", secret.swarmName());
    spec.put("Labels", labels(secret));
    spec.put("Source", sourceKind(secret));
    spec.put(
        "Immutable",
        secret.getSpec() != null && Boolean.TRUE.equals(secret.getSpec().getImmutable()));
    json.put("Spec", spec);
    json.put("Namespace", secret.getMetadata().getNamespace());
    json.put("KubernetesName", secret.getMetadata().getName());
    json.put("UsedBy", usedBy);
    if (secret.getMetadata().getDeletionTimestamp() != null) {
      json.put("DeletionRequestedAt", secret.getMetadata().getDeletionTimestamp());
    }
    json.put("Conditions", conditions(secret));
    return json;
  }

  private static String sourceKind(SwarmSecret secret) {
    SecretSource source = secret.getSpec() == null ? null : secret.getSpec().getSource();
    if (source == null) {
      return null;
    }
    if (source.getSealed() != null) {
      return "sealed";
    }
    return source.getGenerate() != null ? "generate" : "fromSecret";
  }

  private static List<Map<String, String>> conditions(SwarmSecret secret) {
    if (secret.getStatus() == null || secret.getStatus().getConditions() == null) {
      return List.of();
    }
    return secret.getStatus().getConditions().stream()
        .sorted(
            (a, b) ->
                Boolean.compare(
                    !Conditions.READY.equals(a.getType()), !Conditions.READY.equals(b.getType())))
        .map(SecretViews::condition)
        .toList();
  }

  static Map<String, String> condition(Condition c) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("Type", c.getType());
    json.put("Status", c.getStatus());
    json.put("Reason", c.getReason());
    json.put("Message", c.getMessage());
    return json;
  }

  private static Map<String, String> labels(SwarmSecret secret) {
    return secret.getMetadata().getLabels() == null
        ? Map.of()
        : new TreeMap<>(secret.getMetadata().getLabels());
  }

  private static String createdAt(SwarmSecret secret) {
    String stored = secret.getStatus() == null ? null : secret.getStatus().getCreatedAt();
    return stored != null ? stored : secret.getMetadata().getCreationTimestamp();
  }

  private static String updatedAt(SwarmSecret secret) {
    String stored = secret.getStatus() == null ? null : secret.getStatus().getUpdatedAt();
    return stored != null ? stored : createdAt(secret);
  }
}
