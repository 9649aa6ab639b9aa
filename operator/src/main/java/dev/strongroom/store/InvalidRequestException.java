package dev.strongroom.store;

/** A request the store refuses before proposing it (a value too large, an empty name, ...). */
public class InvalidRequestException extends StoreException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
