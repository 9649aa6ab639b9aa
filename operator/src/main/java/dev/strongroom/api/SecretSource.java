package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** Where a secret's value comes from: exactly one of the three fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.sealed) ? 1 : 0) + (has(self.generate) ? 1 : 0)"
            + " + (has(self.fromSecret) ? 1 : 0) == 1",
    message = "exactly one of sealed, generate or fromSecret must be set")
public class SecretSource {
  @JsonPropertyDescription(
      "A value sealed by `strongroom secret create` to the cluster's public sealing key and bound"
          + " to this object's namespace and name: safe to commit to git.")
  private SealedSource sealed;

  @JsonPropertyDescription("A random value generated once inside the cluster.")
  private GenerateSource generate;

  @JsonPropertyDescription(
      "Import the value from a key of an existing Kubernetes Secret in the same namespace"
          + " (migration).")
  private FromSecretSource fromSecret;

  public SealedSource getSealed() {
    return sealed;
  }

  public void setSealed(SealedSource sealed) {
    this.sealed = sealed;
  }

  public GenerateSource getGenerate() {
    return generate;
  }

  public void setGenerate(GenerateSource generate) {
    this.generate = generate;
  }

  public FromSecretSource getFromSecret() {
    return fromSecret;
  }

  public void setFromSecret(FromSecretSource fromSecret) {
    this.fromSecret = fromSecret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretSource other
        && Objects.equals(sealed, other.sealed)
        && Objects.equals(generate, other.generate)
        && Objects.equals(fromSecret, other.fromSecret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sealed, generate, fromSecret);
  }
}
