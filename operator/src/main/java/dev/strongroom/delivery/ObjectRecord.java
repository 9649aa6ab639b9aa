package dev.strongroom.delivery;

import java.util.Map;
import java.util.Optional;

/**
 * What the authorizer needs of a pod, ReplicaSet, Deployment or SwarmService.
 *
 * @param annotations the object's own annotations
 * @param templateAnnotations its pod template's annotations (ReplicaSets and Deployments)
 * @param controller its controller owner reference, if any
 */
public record ObjectRecord(
    String uid,
    Map<String, String> annotations,
    Map<String, String> templateAnnotations,
    Optional<ControllerRef> controller) {
  public ObjectRecord {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    templateAnnotations = templateAnnotations == null ? Map.of() : Map.copyOf(templateAnnotations);
  }

  /** A controller owner reference: who manages the object. */
  public record ControllerRef(String apiVersion, String kind, String name, String uid) {
    /** The API group of {@link #apiVersion()}: "" for the core group. */
    public String group() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
  }
}
