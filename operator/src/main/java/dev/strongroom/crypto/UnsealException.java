package dev.strongroom.crypto;

/** A sealed value that cannot be opened; the message says why and never holds key material. */
public class UnsealException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsealException(String message) {
    super(message);
  }
}
