package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One effective grant: the resolved secret, its version and how the file is written. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantStatus {
  @JsonPropertyDescription("The SwarmSecret's metadata.name.")
  private String secret;

  @JsonPropertyDescription("The secret version this grant revision delivers.")
  private Long version;

  @JsonPropertyDescription("The file name under /run/secrets.")
  private String target;

  @JsonPropertyDescription("The file's owner.")
  private String uid;

  @JsonPropertyDescription("The file's group.")
  private String gid;

  @JsonPropertyDescription("The file's mode (decimal).")
  private Integer mode;

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
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
}
