package dev.strongroom.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's sealing key pairs, newest last: new values are sealed to the newest, and older
 * pairs stay so values sealed before a rotation still open. Stored in the encrypted store.
 */
public final class SealingKeyring {
  private static final int FORMAT_VERSION = 1;
  private static final int MAX_PAIRS = 1024;

  private final List<SealingKeyPair> pairs;

  private SealingKeyring(List<SealingKeyPair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a keyring holds at least one key pair");
    }
    this.pairs = List.copyOf(pairs);
  }

  /** A keyring with one fresh key pair. */
  public static SealingKeyring generate(SecureRandom random) {
    return new SealingKeyring(List.of(SealingKeyPair.generate(random)));
  }

  /** This keyring plus a fresh key pair, which becomes the current one. */
  public SealingKeyring rotate(SecureRandom random) {
    List<SealingKeyPair> next = new ArrayList<>(pairs);
    next.add(SealingKeyPair.generate(random));
    return new SealingKeyring(next);
  }

  /** The key pair new values are sealed to. */
  public SealingKeyPair current() {
    return pairs.get(pairs.size() - 1);
  }

  public List<SealingPublicKey> publicKeys() {
    return pairs.stream().map(SealingKeyPair::publicKey).toList();
  }

  Optional<SealingKeyPair> find(String id) {
    return pairs.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The versioned binary form kept in the store. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeInt(pairs.size());
      for (SealingKeyPair pair : pairs) {
        out.write(pair.publicKeyBytes());
        out.write(pair.privateKeyBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #encode()} wrote. */
  public static SealingKeyring decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      if (in.readUnsignedByte() != FORMAT_VERSION) {
        throw new IllegalArgumentException("unknown sealing keyring format");
      }
      int count = in.readInt();
      if (count < 1 || count > MAX_PAIRS) {
        throw new IllegalArgumentException("malformed sealing keyring");
      }
      List<SealingKeyPair> pairs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] publicKey = in.readNBytes(SealingKeyPair.KEY_BYTES);
        byte[] privateKey = in.readNBytes(SealingKeyPair.KEY_BYTES);
        pairs.add(SealingKeyPair.of(publicKey, privateKey));
        java.util.Arrays.fill(privateKey, (byte) 0);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("malformed sealing keyring: trailing bytes");
      }
      return new SealingKeyring(pairs);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed sealing keyring", e);
    }
  }

  @Override
  public String toString() {
    return "SealingKeyring[" + pairs.size() + " key pairs, current " + current().id() + "]";
  }
}
