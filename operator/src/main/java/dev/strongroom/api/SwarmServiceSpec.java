package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;

/** A service's workload, its secret grants and how grant changes roll out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwarmServiceSpec {
  /** Bounds the CEL uniqueness check's cost; far above what a service needs. */
  static final int MAX_GRANTS = 64;

  @JsonPropertyDescription("The number of pods to run.")
  @Min(0)
  @Default("1")
  private Integer replicas;

  @JsonPropertyDescription(
      "The pod template, as in a Deployment. Strongroom adds the /run/secrets volume, the"
          + " strongroom agent init container and the token it presents.")
  @Required
  @ValidationRule(
      value = "has(self.spec) && has(self.spec.containers) && size(self.spec.containers) > 0",
      message = "template.spec.containers must list at least one container")
  private PodTemplateSpec template;

  @JsonPropertyDescription(
      "The secrets this service is granted (Swarm's long syntax). Each is delivered as the"
          + " file /run/secrets/<target>. Changing the list rolls the service.")
  @Size(max = MAX_GRANTS)
  @ValidationRule(
      value =
          "self.all(g, self.filter(h, (has(h.target) ? h.target : h.source)"
              + " == (has(g.target) ? g.target : g.source)).size() == 1)",
      message = "two grants have the same target: each file under /run/secrets needs its own")
  private List<SecretGrant> secrets = new ArrayList<>();

  @JsonPropertyDescription("How a change rolls out (Swarm's update_config).")
  private UpdateConfig update;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public PodTemplateSpec getTemplate() {
    return template;
  }

  public void setTemplate(PodTemplateSpec template) {
    this.template = template;
  }

  public List<SecretGrant> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<SecretGrant> secrets) {
    this.secrets = secrets;
  }

  public UpdateConfig getUpdate() {
    return update;
  }

  public void setUpdate(UpdateConfig update) {
    this.update = update;
  }
}
