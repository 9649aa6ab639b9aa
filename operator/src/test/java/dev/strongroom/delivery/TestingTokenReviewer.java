package dev.strongroom.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers reviews from a table of tokens; unknown tokens are not authenticated. */
final class TestingTokenReviewer implements TokenReviewer {
  private final Map<String, ReviewedToken> reviews = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  /** A token of the default service account in {@code namespace}, bound to a pod. */
  TestingTokenReviewer podToken(String token, String namespace, String pod, String uid) {
    reviews.put(
        token,
        new ReviewedToken(
            true,
            List.of("strongroom"),
            "system:serviceaccount:" + namespace + ":default",
            Map.of(ReviewedToken.POD_NAME, List.of(pod), ReviewedToken.POD_UID, List.of(uid))));
    return this;
  }

  TestingTokenReviewer token(String token, ReviewedToken review) {
    reviews.put(token, review);
    return this;
  }

  @Override
  public ReviewedToken review(String token) {
    calls.incrementAndGet();
    return reviews.getOrDefault(token, ReviewedToken.rejected());
  }
}
