package dev.strongroom.delivery;

import java.util.List;
import java.util.Map;

/**
 * What a TokenReview said about a token (never the token itself).
 *
 * @param username {@code system:serviceaccount:<namespace>:<name>} for service-account tokens
 * @param extra the review's {@code status.user.extra}, which names the bound pod
 */
public record ReviewedToken(
    boolean authenticated,
    List<String> audiences,
    String username,
    Map<String, List<String>> extra) {
  static final String POD_NAME = "authentication.kubernetes.io/pod-name";
  static final String POD_UID = "authentication.kubernetes.io/pod-uid";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public ReviewedToken {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** A token the API server did not authenticate. */
  public static ReviewedToken rejected() {
    return new ReviewedToken(false, List.of(), null, Map.of());
  }

  /** The bound pod's name, or null when the token is not bound to a pod. */
  String podName() {
    return single(POD_NAME);
  }

  /** The bound pod's UID, or null. */
  String podUid() {
    return single(POD_UID);
  }

  /** The service account's namespace, or null when the user is not a service account. */
  String namespace() {
    if (username == null || !username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return null;
    }
    String rest = username.substring(SERVICE_ACCOUNT_PREFIX.length());
    int colon = rest.indexOf(':');
    return colon <= 0 ? null : rest.substring(0, colon);
  }

  private String single(String key) {
    List<String> values = extra.get(key);
    return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
  }
}
