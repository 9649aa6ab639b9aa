package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.StrongroomApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryAuthorizerTest {
  private final TestingTokenReviewer reviewer =
      new TestingTokenReviewer().podToken("good", "shop", "web-1", "pod-uid-1");
  private final TestingObjectLookup objects =
      new TestingObjectLookup()
          .service("shop", "web", 3)
          .pod("shop", "web-1", "pod-uid-1", "web", 3);
  private final DeliveryAuthorizer authorizer = new DeliveryAuthorizer(reviewer, objects);

  @Test
  void aPodOfASwarmServiceGetsItsServiceAndRevision() {
    assertThat(authorizer.authorize("good"))
        .isEqualTo(new AuthorizedPod("shop", "web-1", "web", "web-uid", 3));
  }

  @Test
  void noTokenIsUnauthenticatedWithoutAReview() {
    assertRefused(null, Refusal.MISSING_TOKEN);
    assertRefused(" ", Refusal.MISSING_TOKEN);
    assertThat(reviewer.calls).hasValue(0);
  }

  @Test
  void aTokenTheApiServerRejectsIsUnauthenticated() {
    assertRefused("forged", Refusal.INVALID_TOKEN);
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthenticated() {
    reviewer.token(
        "other-audience",
        new ReviewedToken(
            true,
            List.of("https://kubernetes.default.svc"),
            "system:serviceaccount:shop:default",
            Map.of(
                ReviewedToken.POD_NAME, List.of("web-1"),
                ReviewedToken.POD_UID, List.of("pod-uid-1"))));
    assertRefused("other-audience", Refusal.INVALID_TOKEN);
  }

  @Test
  void aTokenBoundToNoPodIsForbidden() {
    reviewer.token(
        "unbound",
        new ReviewedToken(
            true, List.of("strongroom"), "system:serviceaccount:shop:default", Map.of()));
    reviewer.token(
        "a-user",
        new ReviewedToken(
            true,
            List.of("strongroom"),
            "alice",
            Map.of(
                ReviewedToken.POD_NAME, List.of("web-1"),
                ReviewedToken.POD_UID, List.of("pod-uid-1"))));
    assertRefused("unbound", Refusal.NOT_POD_BOUND);
    assertRefused("a-user", Refusal.NOT_POD_BOUND);
  }

  @Test
  void aDeletedPodOrAPodRecreatedUnderTheSameNameIsForbidden() {
    reviewer.podToken("old-pod", "shop", "web-1", "pod-uid-0");
    assertRefused("old-pod", Refusal.POD_MISMATCH);
    objects.remove("shop", OwnerKind.POD, "web-1");
    assertRefused("good", Refusal.POD_NOT_FOUND);
  }

  @Test
  void aStandalonePodIsForbidden() {
    reviewer.podToken("standalone", "shop", "debug", "debug-uid");
    objects.put(
        "shop", OwnerKind.POD, "debug", TestingObjectLookup.record("debug-uid", null, Map.of()));
    assertRefused("standalone", Refusal.NOT_A_SWARM_SERVICE);
  }

  @Test
  void aDeploymentNotOwnedByASwarmServiceIsForbidden() {
    objects.put(
        "shop",
        OwnerKind.DEPLOYMENT,
        "web",
        TestingObjectLookup.record("web-deploy-uid", null, Map.of()));
    assertRefused("good", Refusal.NOT_A_SWARM_SERVICE);
  }

  @Test
  void anOwnerWhoseUidDiffersFromTheReferenceIsForbidden() {
    objects.put(
        "shop",
        OwnerKind.SWARM_SERVICE,
        "web",
        TestingObjectLookup.record("another-uid", null, Map.of()));
    assertRefused("good", Refusal.NOT_A_SWARM_SERVICE);
  }

  @Test
  void anOwnerOfTheRightNameButWrongKindIsForbidden() {
    objects.put(
        "shop",
        OwnerKind.DEPLOYMENT,
        "web",
        TestingObjectLookup.record(
            "web-deploy-uid",
            new ObjectRecord.ControllerRef("example.com/v1", "SwarmService", "web", "web-uid"),
            Map.of()));
    assertRefused("good", Refusal.NOT_A_SWARM_SERVICE);
  }

  @Test
  void aPodWhoseRevisionDiffersFromItsReplicaSetIsForbidden() {
    reviewer.podToken("edited", "shop", "web-2", "pod-uid-2");
    objects.put(
        "shop",
        OwnerKind.POD,
        "web-2",
        new ObjectRecord(
            "pod-uid-2",
            Map.of(StrongroomApi.GRANT_REVISION_ANNOTATION, "1"),
            Map.of(),
            Optional.of(
                new ObjectRecord.ControllerRef(
                    "apps/v1", "ReplicaSet", "web-rs3", "web-rs3-uid"))));
    assertRefused("edited", Refusal.NO_REVISION);
  }

  @Test
  void theSubjectNamesWhatWasLearnedBeforeARefusal() {
    objects.remove("shop", OwnerKind.SWARM_SERVICE, "web");
    RequestSubject subject = new RequestSubject();
    assertThatThrownBy(() -> authorizer.authorize("good", subject))
        .isInstanceOf(DeliveryRefusedException.class);
    assertThat(subject.namespace()).isEqualTo("shop");
    assertThat(subject.pod()).isEqualTo("web-1");
    assertThat(subject.service()).isNull();
  }

  private void assertRefused(String token, Refusal refusal) {
    assertThatThrownBy(() -> authorizer.authorize(token))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal))
        .hasMessage(refusal.reason());
  }
}
