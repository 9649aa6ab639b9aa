package dev.strongroom.store;

/** The base of the store's typed failures; messages never hold secret values or key bytes. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
