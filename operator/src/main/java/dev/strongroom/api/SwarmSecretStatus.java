package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What Strongroom observed of a SwarmSecret. Never holds the value or a hash of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwarmSecretStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The current version of the value in Strongroom's store; a changed source adds one.")
  private Long version;

  @JsonPropertyDescription("When the first version was stored (RFC 3339).")
  private String createdAt;

  @JsonPropertyDescription("When the current version was stored (RFC 3339).")
  private String updatedAt;

  @JsonPropertyDescription("The SwarmServices in this namespace that are granted this secret.")
  private List<String> usedBy = new ArrayList<>();

  @JsonPropertyDescription("Ready: the current version is stored. InUse: a service grants it.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  public List<String> getUsedBy() {
    return usedBy;
  }

  public void setUsedBy(List<String> usedBy) {
    this.usedBy = usedBy;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
