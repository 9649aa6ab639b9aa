package dev.strongroom.delivery;

import dev.strongroom.api.StrongroomApi;

/** The kinds on the path from a pod to its SwarmService, with their API groups. */
public enum OwnerKind {
  POD("", "Pod"),
  REPLICA_SET("apps", "ReplicaSet"),
  DEPLOYMENT("apps", "Deployment"),
  SWARM_SERVICE(StrongroomApi.GROUP, "SwarmService");

  private final String group;
  private final String kind;

  OwnerKind(String group, String kind) {
    this.group = group;
    this.kind = kind;
  }

  /** Whether {@code ref} points at this kind (group and kind both match). */
  boolean matches(ObjectRecord.ControllerRef ref) {
    return kind.equals(ref.kind()) && group.equals(ref.group());
  }

  public String kind() {
    return kind;
  }
}
