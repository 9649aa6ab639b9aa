package dev.strongroom.reconcile;

/**
 * A SwarmSecret whose source gives no usable value: the reason becomes the Ready condition's
 * reason, the message tells a person what to fix. Never carries secret material.
 */
public class SecretSourceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public SecretSourceException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
