package dev.strongroom.delivery;

/** Asks the API server whether a token is valid for the audience {@code strongroom}. */
public interface TokenReviewer {
  /**
   * The review of {@code token}; throws {@link DeliveryRefusedException} ({@link
   * Refusal#UNAVAILABLE} or {@link Refusal#OVERLOADED}) when no answer can be had now.
   */
  ReviewedToken review(String token);
}
