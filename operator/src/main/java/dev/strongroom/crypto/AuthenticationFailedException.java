package dev.strongroom.crypto;

/** An AEAD ciphertext did not authenticate: wrong key, tampered bytes or wrong associated data. */
public final class AuthenticationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message) {
    super(message);
  }
}
