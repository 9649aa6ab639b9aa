package dev.strongroom.store;

import java.util.Arrays;

/** A secret value or key blob (1 byte to 500 KiB); never printed, zeroed by {@link #close()}. */
public final class SecretValue implements AutoCloseable {
  /** Swarm's limit on a secret's size. */
  public static final int MAX_BYTES = 500 * 1024;

  private final byte[] bytes;

  private SecretValue(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A value holding a copy of {@code bytes}. */
  public static SecretValue copyOf(byte[] bytes) {
    return new SecretValue(bytes.clone());
  }

  /** A value that takes ownership of {@code bytes}: the caller must not keep them. */
  static SecretValue adopt(byte[] bytes) {
    return new SecretValue(bytes);
  }

  /** A copy of the bytes; the caller should zero it when done. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for the store's own codecs only. */
  byte[] unsafeBytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** Constant-time comparison with {@code other}. */
  public boolean contentEquals(byte[] other) {
    return java.security.MessageDigest.isEqual(bytes, other);
  }

  /** Zeroes the bytes. */
  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "SecretValue[redacted, " + bytes.length + " bytes]";
  }
}
