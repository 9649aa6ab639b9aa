package dev.strongroom.api;

/** Constants of Strongroom's API that the model, the reconcilers and the CLI share. */
public final class StrongroomApi {
  public static final String GROUP = "strongroom.dev";
  public static final String VERSION = "v1alpha1";

  /** Swarm's rule for secret names (swarmkit): alphanumeric ends, {@code -_.} inside. */
  public static final String SWARM_NAME_PATTERN = "^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$";

  /** Swarm's length limit for secret names. */
  public static final int SWARM_NAME_MAX_LENGTH = 64;

  private static final java.util.regex.Pattern SWARM_NAME =
      java.util.regex.Pattern.compile(SWARM_NAME_PATTERN);

  /** Swarm's limit for a secret value: 500 KiB. */
  public static final int MAX_VALUE_BYTES = 500 * 1024;

  /**
   * The largest uid or gid a grant may name: Linux's ids are 32-bit, and 4294967295 means "no
   * change" to {@code chown}.
   */
  public static final long MAX_OWNER_ID = 4294967294L;

  /** The CRDs' rule for a grant's uid and gid (digits only, by their pattern). */
  static final String OWNER_ID_RULE = "int(self) <= " + MAX_OWNER_ID;

  /**
   * The CRDs' root rule (with {@code optionalOldSelf}): a spec on creation, and on every update of
   * an object that had one. One admitted without a spec (before the rule) must still be updatable,
   * or its finalizer could never be removed.
   */
  static final String SPEC_REQUIRED_RULE =
      "has(self.spec) || (oldSelf.hasValue() && !has(oldSelf.value().spec))";

  /** The largest file mode a grant may ask for (0777). */
  public static final int MAX_MODE = 0777;

  /** Pod-template annotation: the grant revision the pods of this template receive. */
  public static final String GRANT_REVISION_ANNOTATION = GROUP + "/grant-revision";

  /** Label on a service's Deployment and pods, naming the SwarmService. */
  public static final String SERVICE_LABEL = GROUP + "/service";

  /** The audience of the token the agent presents to the delivery endpoint. */
  public static final String TOKEN_AUDIENCE = "strongroom";

  /** Where app containers read their secrets, as in Swarm. */
  public static final String SECRETS_DIR = "/run/secrets";

  private StrongroomApi() {}

  /**
   * Whether {@code name} is a valid Swarm secret name: {@link #SWARM_NAME_PATTERN} and at most
   * {@link #SWARM_NAME_MAX_LENGTH} characters (the CRD's schema checks the same).
   */
  public static boolean isSwarmName(String name) {
    return name.length() <= SWARM_NAME_MAX_LENGTH && SWARM_NAME.matcher(name).matches();
  }
}
