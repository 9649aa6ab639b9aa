package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** One secret granted to a service, in Swarm's long syntax. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretGrant {
  static final int MAX_TARGET_LENGTH = 255;

  @JsonPropertyDescription(
      "The secret granted: a SwarmSecret's metadata.name or spec.name, in the same namespace.")
  @Required
  @Size(min = 1, max = 253)
  @Pattern(StrongroomApi.SWARM_NAME_PATTERN)
  private String source;

  @JsonPropertyDescription(
      "The file name under /run/secrets; defaults to source. A plain name: no '/', not '.' or"
          + " '..', and not 'kubernetes.io', where Kubernetes mounts the service-account token.")
  @Size(min = 1, max = MAX_TARGET_LENGTH)
  @Pattern("^[^/\\x00]+$")
  @ValidationRule(
      value = "self != '.' && self != '..'",
      message = "target must be a file name, not '.' or '..'")
  @ValidationRule(
      value = "self != 'kubernetes.io'",
      message =
          "target 'kubernetes.io' is reserved: Kubernetes mounts the service-account token under"
              + " /run/secrets/kubernetes.io")
  private String target;

  @JsonPropertyDescription("The numeric user that owns the file.")
  @Pattern("^[0-9]{1,10}$")
  @ValidationRule(
      value = StrongroomApi.OWNER_ID_RULE,
      message =
          "uid must be at most "
              + StrongroomApi.MAX_OWNER_ID
              + " (4294967295 means no user on Linux)")
  @Default("0")
  private String uid;

  @JsonPropertyDescription("The numeric group that owns the file.")
  @Pattern("^[0-9]{1,10}$")
  @ValidationRule(
      value = StrongroomApi.OWNER_ID_RULE,
      message =
          "gid must be at most "
              + StrongroomApi.MAX_OWNER_ID
              + " (4294967295 means no group on Linux)")
  @Default("0")
  private String gid;

  @JsonPropertyDescription("The file mode, 0 to 0777 (decimal 511); default 0444 (decimal 292).")
  @Min(0)
  @Max(StrongroomApi.MAX_MODE)
  @Default("292")
  private Integer mode;

  public SecretGrant() {}

  public SecretGrant(String source, String target) {
    this.source = source;
    this.target = target;
  }

  /** The file name this grant is delivered as: {@code target}, or {@code source} when unset. */
  @JsonIgnore
  public String effectiveTarget() {
    return target != null ? target : source;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getGid() {
    return gid;
  }

  public void setGid(String gid) {
    this.gid = gid;
  }

  public Integer getMode() {
    return mode;
  }

  public void setMode(Integer mode) {
    this.mode = mode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretGrant other
        && Objects.equals(source, other.source)
        && Objects.equals(target, other.target)
        && Objects.equals(uid, other.uid)
        && Objects.equals(gid, other.gid)
        && Objects.equals(mode, other.mode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, target, uid, gid, mode);
  }
}
