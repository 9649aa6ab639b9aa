package dev.strongroom.delivery;

import dev.strongroom.api.StrongroomApi;
import java.util.Optional;

/**
 * Decides which pod a token speaks for and which grant revision it receives: the token must be
 * valid for the audience {@code strongroom} and bound to a pod that still exists with the same UID,
 * owned through ReplicaSet and Deployment by a SwarmService (every controller reference checked by
 * UID), and carrying the grant revision of its ReplicaSet's template.
 */
public final class DeliveryAuthorizer {
  private final TokenReviewer reviewer;
  private final ObjectLookup objects;

  public DeliveryAuthorizer(TokenReviewer reviewer, ObjectLookup objects) {
    this.reviewer = reviewer;
    this.objects = objects;
  }

  /** The pod {@code token} speaks for; throws {@link DeliveryRefusedException} otherwise. */
  public AuthorizedPod authorize(String token) {
    return authorize(token, new RequestSubject());
  }

  /** {@link #authorize(String)}, noting in {@code subject} what it learns, for the audit log. */
  public AuthorizedPod authorize(String token, RequestSubject subject) {
    if (token == null || token.isBlank()) {
      throw new DeliveryRefusedException(Refusal.MISSING_TOKEN);
    }
    ReviewedToken review = reviewer.review(token);
    if (!review.authenticated() || !review.audiences().contains(StrongroomApi.TOKEN_AUDIENCE)) {
      throw new DeliveryRefusedException(Refusal.INVALID_TOKEN);
    }
    String namespace = review.namespace();
    String podName = review.podName();
    String podUid = review.podUid();
    subject.namespace = namespace;
    subject.pod = podName;
    if (namespace == null || podName == null || podUid == null) {
      throw new DeliveryRefusedException(Refusal.NOT_POD_BOUND);
    }
    ObjectRecord pod =
        objects
            .findWithUid(namespace, OwnerKind.POD, podName, podUid)
            .orElseThrow(() -> new DeliveryRefusedException(Refusal.POD_NOT_FOUND));
    if (!podUid.equals(pod.uid())) {
      throw new DeliveryRefusedException(Refusal.POD_MISMATCH);
    }
    ObjectRecord replicaSet = owner(namespace, pod, OwnerKind.REPLICA_SET);
    ObjectRecord deployment = owner(namespace, replicaSet, OwnerKind.DEPLOYMENT);
    ObjectRecord swarmService = owner(namespace, deployment, OwnerKind.SWARM_SERVICE);
    String service = deployment.controller().orElseThrow().name();
    subject.service = service;

    // The ReplicaSet's template is what the operator rendered; the pod must agree with it.
    String revision = pod.annotations().get(StrongroomApi.GRANT_REVISION_ANNOTATION);
    if (revision == null
        || !revision.equals(
            replicaSet.templateAnnotations().get(StrongroomApi.GRANT_REVISION_ANNOTATION))) {
      throw new DeliveryRefusedException(Refusal.NO_REVISION);
    }
    subject.revision = parseRevision(revision);
    return new AuthorizedPod(namespace, podName, service, swarmService.uid(), subject.revision);
  }

  /** The controller of {@code object}, which must be of {@code kind} and have the named UID. */
  private ObjectRecord owner(String namespace, ObjectRecord object, OwnerKind kind) {
    Optional<ObjectRecord.ControllerRef> ref = object.controller();
    if (ref.isEmpty() || !kind.matches(ref.get()) || ref.get().uid() == null) {
      throw new DeliveryRefusedException(Refusal.NOT_A_SWARM_SERVICE);
    }
    ObjectRecord owner =
        objects
            .findWithUid(namespace, kind, ref.get().name(), ref.get().uid())
            .orElseThrow(() -> new DeliveryRefusedException(Refusal.NOT_A_SWARM_SERVICE));
    if (!ref.get().uid().equals(owner.uid())) {
      throw new DeliveryRefusedException(Refusal.NOT_A_SWARM_SERVICE);
    }
    return owner;
  }

  private static long parseRevision(String revision) {
    try {
      long value = Long.parseLong(revision);
      if (value < 1) {
        throw new DeliveryRefusedException(Refusal.NO_REVISION);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DeliveryRefusedException(Refusal.NO_REVISION);
    }
  }
}
