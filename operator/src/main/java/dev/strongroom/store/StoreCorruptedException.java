package dev.strongroom.store;

/**
 * Stored bytes failed authentication or are truncated: tampered or damaged; nothing was applied
 * from them.
 */
public class StoreCorruptedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreCorruptedException(String message) {
    super(message);
  }

  public StoreCorruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
