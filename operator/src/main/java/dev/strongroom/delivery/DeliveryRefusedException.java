package dev.strongroom.delivery;

/** A delivery refused for a known reason; the message is the reason, safe to send and log. */
public final class DeliveryRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Refusal refusal;

  public DeliveryRefusedException(Refusal refusal) {
    super(refusal.reason());
    this.refusal = refusal;
  }

  public DeliveryRefusedException(Refusal refusal, Throwable cause) {
    super(refusal.reason(), cause);
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }
}
