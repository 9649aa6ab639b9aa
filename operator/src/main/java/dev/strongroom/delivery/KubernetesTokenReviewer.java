package dev.strongroom.delivery;

import dev.strongroom.api.StrongroomApi;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** A {@link TokenReviewer} that creates a TokenReview with the audience {@code strongroom}. */
public final class KubernetesTokenReviewer implements TokenReviewer {
  private final KubernetesClient client;

  public KubernetesTokenReviewer(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ReviewedToken review(String token) {
    TokenReview request =
        new TokenReviewBuilder()
            .withNewSpec()
            .withToken(token)
            .withAudiences(StrongroomApi.TOKEN_AUDIENCE)
            .endSpec()
            .build();
    TokenReviewStatus status;
    try {
      status = client.authentication().v1().tokenReviews().create(request).getStatus();
    } catch (KubernetesClientException e) {
      // The exception may echo the request; keep only its code.
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE);
    }
    if (status == null
        || !Boolean.TRUE.equals(status.getAuthenticated())
        || status.getUser() == null) {
      return ReviewedToken.rejected();
    }
    return new ReviewedToken(
        true,
        status.getAudiences() == null ? List.of() : status.getAudiences(),
        status.getUser().getUsername(),
        status.getUser().getExtra());
  }
}
