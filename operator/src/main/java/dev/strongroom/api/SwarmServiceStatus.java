package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What Strongroom observed of a SwarmService and its Deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwarmServiceStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The grant revision in force: it grows by one with each change of the effective grants"
          + " (a grant added, removed or changed, or a granted secret's new version).")
  private Long grantRevision;

  @JsonPropertyDescription(
      "A grant revision whose rollout failed and was rolled back (failureAction: rollback);"
          + " the service stays on grantRevision until its grants change again.")
  private Long failedGrantRevision;

  @JsonPropertyDescription("The effective grants of grantRevision, with the secret versions.")
  private List<GrantStatus> grants = new ArrayList<>();

  // A column of its own because CRD printer columns show only the first element of a list.
  @JsonPropertyDescription("The number of secrets granted at grantRevision.")
  private Integer secretCount;

  @JsonPropertyDescription("Pods of the service's Deployment.")
  private Integer replicas;

  @JsonPropertyDescription("Pods that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Pods that run the current grant revision.")
  private Integer updatedReplicas;

  @JsonPropertyDescription("Pods that have been ready for at least update.monitor.")
  private Integer availableReplicas;

  @JsonPropertyDescription("Ready, Progressing, SecretsResolved and Degraded.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Long getGrantRevision() {
    return grantRevision;
  }

  public void setGrantRevision(Long grantRevision) {
    this.grantRevision = grantRevision;
  }

  public Long getFailedGrantRevision() {
    return failedGrantRevision;
  }

  public void setFailedGrantRevision(Long failedGrantRevision) {
    this.failedGrantRevision = failedGrantRevision;
  }

  public List<GrantStatus> getGrants() {
    return grants;
  }

  public void setGrants(List<GrantStatus> grants) {
    this.grants = grants;
  }

  public Integer getSecretCount() {
    return secretCount;
  }

  public void setSecretCount(Integer secretCount) {
    this.secretCount = secretCount;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getUpdatedReplicas() {
    return updatedReplicas;
  }

  public void setUpdatedReplicas(Integer updatedReplicas) {
    this.updatedReplicas = updatedReplicas;
  }

  public Integer getAvailableReplicas() {
    return availableReplicas;
  }

  public void setAvailableReplicas(Integer availableReplicas) {
    this.availableReplicas = availableReplicas;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
