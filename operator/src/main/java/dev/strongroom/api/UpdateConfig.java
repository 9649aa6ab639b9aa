package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Swarm's update_config: how pods are replaced when the template or the grants change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpdateConfig {
  @JsonPropertyDescription("How many pods are replaced at a time; 0 replaces all at once.")
  @Min(0)
  @Default("1")
  private Integer parallelism;

  @JsonPropertyDescription(
      "stop-first stops an old pod before its replacement starts; start-first starts the new"
          + " pod first.")
  @Default("stop-first")
  private Order order;

  @JsonPropertyDescription(
      "What happens when the rollout fails: pause it, or roll back to the previous grant"
          + " revision.")
  @Default("pause")
  private FailureAction failureAction;

  @JsonPropertyDescription(
      "How long a new pod must stay ready before it counts as updated (a Go duration, e.g."
          + " 5s, 1m30s).")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$")
  @Default("5s")
  private String monitor;

  @JsonPropertyDescription(
      "How long a rollout may go without progress before it counts as failed (a Go duration;"
          + " Kubernetes' progressDeadlineSeconds); failureAction then applies. Must exceed"
          + " monitor.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$")
  @Default("10m")
  private String progressDeadline;

  public String getProgressDeadline() {
    return progressDeadline;
  }

  public void setProgressDeadline(String progressDeadline) {
    this.progressDeadline = progressDeadline;
  }

  public Integer getParallelism() {
    return parallelism;
  }

  public void setParallelism(Integer parallelism) {
    this.parallelism = parallelism;
  }

  public Order getOrder() {
    return order;
  }

  public void setOrder(Order order) {
    this.order = order;
  }

  public FailureAction getFailureAction() {
    return failureAction;
  }

  public void setFailureAction(FailureAction failureAction) {
    this.failureAction = failureAction;
  }

  public String getMonitor() {
    return monitor;
  }

  public void setMonitor(String monitor) {
    this.monitor = monitor;
  }

  /** The order of stopping old and starting new pods. */
  public enum Order {
    @JsonProperty("stop-first")
    STOP_FIRST,
    @JsonProperty("start-first")
    START_FIRST
  }

  /** What a failed rollout does. */
  public enum FailureAction {
    @JsonProperty("pause")
    PAUSE,
    @JsonProperty("rollback")
    ROLLBACK
  }
}
