package dev.strongroom.store;

/** A key-encryption key or data key does not match what the store was written with. */
public class WrongKeyException extends StoreException {
  private static final long serialVersionUID = 1L;

  public WrongKeyException(String message) {
    super(message);
  }

  public WrongKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
