package dev.strongroom.store;

/** The store is locked: it serves nothing until it is unlocked with the key-encryption key. */
public class StoreLockedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreLockedException(String message) {
    super(message);
  }

  public StoreLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
