package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** What a SwarmSecret holds: its Swarm name and where its value comes from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!oldSelf.immutable || (self.immutable && self.source == oldSelf.source)",
    message =
        "the secret is immutable: source cannot change and immutable cannot be unset;"
            + " create a new SwarmSecret instead",
    fieldPath = ".source")
@ValidationRule(
    value = "(has(self.name) ? self.name : '') == (has(oldSelf.name) ? oldSelf.name : '')",
    message = "spec.name cannot be changed: services grant secrets by this name",
    fieldPath = ".name")
public class SwarmSecretSpec {
  @JsonPropertyDescription(
      "The secret's Swarm name, the default file name under /run/secrets. Up to 64 characters"
          + " of [a-zA-Z0-9-_.], starting and ending with a letter or digit (Swarm's rule)."
          + " Defaults to metadata.name; cannot be changed.")
  @Pattern(StrongroomApi.SWARM_NAME_PATTERN)
  @Size(min = 1, max = StrongroomApi.SWARM_NAME_MAX_LENGTH)
  private String name;

  @JsonPropertyDescription(
      "Where the value comes from: exactly one of sealed, generate or fromSecret. A changed"
          + " source creates a new version, and the services granted this secret roll to it.")
  @Required
  private SecretSource source;

  @JsonPropertyDescription(
      "When true, the source can no longer change and immutable cannot be unset, as with"
          + " Swarm secrets, which are never updated in place. A fromSecret source is still read"
          + " again, and a changed value there becomes a new version: to freeze it, make that"
          + " Kubernetes Secret immutable too.")
  @Default("false")
  private Boolean immutable;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretSource getSource() {
    return source;
  }

  public void setSource(SecretSource source) {
    this.source = source;
  }

  public Boolean getImmutable() {
    return immutable;
  }

  public void setImmutable(Boolean immutable) {
    this.immutable = immutable;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SwarmSecretSpec other
        && Objects.equals(name, other.name)
        && Objects.equals(source, other.source)
        && Objects.equals(immutable, other.immutable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, source, immutable);
  }
}
