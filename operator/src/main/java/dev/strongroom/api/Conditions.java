package dev.strongroom.api;

/**
 * The condition types and reasons Strongroom writes: part of the API, so tools can wait on them
 * ({@code kubectl wait ssvc/NAME --for=condition=Ready}).
 */
public final class Conditions {
  /** SwarmSecret: the current version is stored. SwarmService: all pods run the current grants. */
  public static final String READY = "Ready";

  /** SwarmSecret: at least one SwarmService grants it. */
  public static final String IN_USE = "InUse";

  /** SwarmService: every grant names an existing, ready secret. */
  public static final String SECRETS_RESOLVED = "SecretsResolved";

  /** SwarmService: a rollout is under way (or ended, with the reason saying how). */
  public static final String PROGRESSING = "Progressing";

  /** SwarmService: fewer pods are available than asked for, or the last rollout failed. */
  public static final String DEGRADED = "Degraded";

  /** The reasons, CamelCase as Kubernetes conditions want them. */
  public static final class Reasons {
    public static final String STORED = "Stored";
    public static final String VALUE_EMPTY = "ValueEmpty";
    public static final String VALUE_TOO_LARGE = "ValueTooLarge";
    public static final String SEALED_VALUE_UNOPENABLE = "SealedValueUnopenable";
    public static final String KUBERNETES_SECRET_NOT_FOUND = "KubernetesSecretNotFound";
    public static final String KUBERNETES_SECRET_KEY_NOT_FOUND = "KubernetesSecretKeyNotFound";
    public static final String STORE_UNAVAILABLE = "StoreUnavailable";
    public static final String GRANTED = "Granted";
    public static final String NOT_GRANTED = "NotGranted";
    public static final String IN_USE_DELETION_BLOCKED = "DeletionBlockedInUse";
    public static final String RESOLVED = "Resolved";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_NOT_READY = "SecretNotReady";
    public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";
    public static final String ROLLOUT_COMPLETE = "RolloutComplete";
    public static final String ROLLOUT_FAILED = "RolloutFailed";
    public static final String ROLLED_BACK = "RolledBack";
    public static final String DEPLOYMENT_REJECTED = "DeploymentRejected";
    public static final String SPEC_MISSING = "SpecMissing";
    public static final String REPLICAS_READY = "ReplicasReady";
    public static final String REPLICAS_NOT_READY = "ReplicasNotReady";
    public static final String AVAILABLE = "Available";
    public static final String UNAVAILABLE = "Unavailable";

    private Reasons() {}
  }

  private Conditions() {}
}
