package dev.strongroom.store;

/** Bytes that do not decode as a command, query or reply of a known format version. */
public class MalformedMessageException extends StoreException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
