package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A value sealed to the cluster's public key: ciphertext only, safe in a git repository. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSource {
  /** Base64 of a 500 KiB value plus the sealing envelope, rounded up. */
  static final int MAX_DATA_LENGTH = 700_000;

  @JsonPropertyDescription(
      "The sealed envelope, base64-encoded, as printed by"
          + " `strongroom secret create NAME FILE --dry-run -o yaml`. It opens only for this"
          + " object's namespace and name.")
  @Required
  @Size(min = 1, max = MAX_DATA_LENGTH)
  @Pattern("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
  private String data;

  public SealedSource() {}

  public SealedSource(String data) {
    this.data = data;
  }

  public String getData() {
    return data;
  }

  public void setData(String data) {
    this.data = data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedSource other && Objects.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(data);
  }
}
