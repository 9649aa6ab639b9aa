package dev.strongroom.delivery;

/**
 * Why a delivery was refused: the HTTP status, the reason sent to the agent (which names no object
 * and no secret), the metric result tag and, for transient ones, the Retry-After seconds.
 */
public enum Refusal {
  MISSING_TOKEN(401, "unauthenticated", "no bearer token", 0),
  INVALID_TOKEN(
      401,
      "unauthenticated",
      "token not accepted for audience strongroom (expired, forged or for another audience)",
      0),
  NOT_POD_BOUND(403, "forbidden", "token is not bound to a pod", 0),
  POD_NOT_FOUND(403, "forbidden", "the token's pod no longer exists", 0),
  POD_MISMATCH(403, "forbidden", "the token was issued to another pod", 0),
  NOT_A_SWARM_SERVICE(403, "forbidden", "the pod does not belong to a SwarmService", 0),
  NO_REVISION(403, "forbidden", "the pod carries no valid grant revision", 0),
  UNKNOWN_REVISION(403, "forbidden", "the service has no such grant revision", 0),
  REVISION_GONE(403, "forbidden", "a secret of this grant revision no longer exists", 0),
  OVERLOADED(429, "overloaded", "too many deliveries at once; retry", 1),
  STORE_LOCKED(503, "unavailable", "the store is locked; retry after it is unlocked", 5),
  UNAVAILABLE(503, "unavailable", "the operator cannot answer now; retry", 1),
  NOT_FOUND(404, "bad_request", "unknown path; POST /v1/deliveries", 0),
  METHOD_NOT_ALLOWED(405, "bad_request", "use POST", 0),
  MALFORMED(400, "bad_request", "malformed HTTP request", 0);

  private final int status;
  private final String result;
  private final String reason;
  private final int retryAfterSeconds;

  Refusal(int status, String result, String reason, int retryAfterSeconds) {
    this.status = status;
    this.result = result;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  /** The bounded metric tag: unauthenticated, forbidden, overloaded, unavailable, bad_request. */
  public String result() {
    return result;
  }

  public String reason() {
    return reason;
  }

  /** Seconds for the Retry-After header; 0 when the refusal is permanent. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
