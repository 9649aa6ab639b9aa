package dev.strongroom.delivery;

import dev.strongroom.store.KeyMaterial;
import dev.strongroom.store.SecretStore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The delivery CAs, kept in the store as key material {@value #MATERIAL_NAME} so every replica
 * serves the same chain. Rotation adds a new CA beside the old: agents trust the bundle of every
 * unexpired CA, and serving certificates switch to the new CA only after {@code overlap}, once the
 * bundle with it has reached the pods. Encoding, version 1: a version byte, a u16 count, then per
 * CA a u32-length DER certificate and a u32-length PKCS#8 key; newest first.
 */
public final class DeliveryCa {
  static final String MATERIAL_NAME = "delivery-ca";
  private static final byte FORMAT_VERSION = 1;

  private final SecretStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration validity;
  private final Duration overlap;
  private volatile List<CertificateAuthority> authorities = List.of();
  private volatile long version;

  /**
   * The last bundle made and the CAs it holds: asked for before every service's Deployment is
   * applied, it is made again only when they change, and is the same string each time.
   */
  private volatile Bundle bundle;

  private record Bundle(List<CertificateAuthority> authorities, String pem) {}

  /** The CAs as stored in one version of the key material. */
  private record Stored(long version, List<CertificateAuthority> authorities) {}

  /**
   * @param validity how long a new CA is valid; rotation starts when a third of it is left
   * @param overlap how long a new CA is only trusted before it signs serving certificates
   */
  public DeliveryCa(
      SecretStore store, Clock clock, SecureRandom random, Duration validity, Duration overlap) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.validity = validity;
    this.overlap = overlap;
  }

  /** Loads the CAs, creating the first one on the very first start. */
  public List<CertificateAuthority> ensure() {
    Optional<Stored> loaded = load();
    if (loaded.isPresent() && !loaded.get().authorities().isEmpty()) {
      adopt(loaded.get());
    } else {
      save(0, List.of(newAuthority()));
    }
    return authorities;
  }

  /** Re-reads the CAs (another replica may have rotated); true when they changed. */
  public boolean reload() {
    List<CertificateAuthority> before = authorities;
    load().filter(s -> !s.authorities().isEmpty()).ifPresent(this::adopt);
    return !serials(before).equals(serials(authorities));
  }

  /** Adds a CA when the newest has less than a third of its validity left; true when it did. */
  public boolean rotateIfDue() {
    CertificateAuthority newest = authorities.get(0);
    Duration left = Duration.between(clock.instant(), newest.notAfter());
    if (left.compareTo(validity.dividedBy(3)) >= 0) {
      return false;
    }
    rotate();
    return true;
  }

  /** Adds a new CA and drops expired ones; the new one signs once {@code overlap} has passed. */
  public void rotate() {
    Instant now = clock.instant();
    List<CertificateAuthority> next = new ArrayList<>();
    next.add(newAuthority());
    authorities.stream().filter(a -> a.notAfter().isAfter(now)).forEach(next::add);
    save(version, next);
  }

  /** Every CA that agents should trust, newest first. */
  public List<CertificateAuthority> authorities() {
    return authorities;
  }

  /** The PEM bundle of every unexpired CA: the {@code ca.crt} agents trust. */
  public String bundlePem() {
    Instant now = clock.instant();
    List<CertificateAuthority> valid =
        authorities.stream().filter(a -> a.notAfter().isAfter(now)).toList();
    Bundle last = bundle;
    if (last != null && last.authorities().equals(valid)) {
      return last.pem();
    }
    Bundle made =
        new Bundle(
            valid,
            Certificates.pem(valid.stream().map(CertificateAuthority::certificate).toList()));
    bundle = made;
    return made.pem();
  }

  /** The CA that signs serving certificates now: the newest that has been trusted long enough. */
  public CertificateAuthority signer() {
    Instant now = clock.instant();
    List<CertificateAuthority> valid =
        authorities.stream().filter(a -> a.notAfter().isAfter(now)).toList();
    if (valid.isEmpty()) {
      return authorities.get(0);
    }
    return valid.stream()
        .filter(a -> !a.notBefore().plus(overlap).isAfter(now))
        .findFirst()
        .orElse(valid.get(valid.size() - 1));
  }

  private CertificateAuthority newAuthority() {
    Instant now = clock.instant();
    return Certificates.newAuthority(
        "strongroom delivery CA " + now.getEpochSecond(), now, now.plus(validity), random);
  }

  /**
   * Stores {@code list} as the version after {@code expected}. When another replica created or
   * rotated the CAs first, its version stands and this one adopts it, so every replica serves and
   * publishes the same chain.
   */
  private void save(long expected, List<CertificateAuthority> list) {
    byte[] encoded = encode(list);
    long written;
    try {
      written = store.putKeyMaterialIfLatest(MATERIAL_NAME, expected, encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
    if (written > 0) {
      adopt(new Stored(written, List.copyOf(list)));
    } else {
      adopt(load().orElseThrow(() -> new IllegalStateException("delivery CA vanished")));
    }
  }

  private void adopt(Stored stored) {
    authorities = stored.authorities();
    version = stored.version();
  }

  private Optional<Stored> load() {
    return store
        .readKeyMaterial(MATERIAL_NAME)
        .map(
            material -> {
              try (KeyMaterial m = material) {
                byte[] bytes = m.material().bytes();
                try {
                  return new Stored(m.version(), decode(bytes));
                } finally {
                  Arrays.fill(bytes, (byte) 0);
                }
              }
            });
  }

  static byte[] encode(List<CertificateAuthority> list) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeShort(list.size());
      for (CertificateAuthority ca : list) {
        byte[] cert = ca.certificate().getEncoded();
        byte[] key = ca.key().getEncoded();
        out.writeInt(cert.length);
        out.write(cert);
        out.writeInt(key.length);
        out.write(key);
        Arrays.fill(key, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static List<CertificateAuthority> decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT_VERSION) {
        throw new IllegalStateException("stored delivery CA has an unknown format version");
      }
      int count = in.readUnsignedShort();
      List<CertificateAuthority> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        X509Certificate cert = Certificates.parseCertificate(in.readNBytes(in.readInt()));
        byte[] key = in.readNBytes(in.readInt());
        try {
          list.add(new CertificateAuthority(cert, Certificates.parseKey(key)));
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
      list.sort(Comparator.comparing(CertificateAuthority::notBefore).reversed());
      return List.copyOf(list);
    } catch (IOException e) {
      throw new IllegalStateException("stored delivery CA is truncated", e);
    }
  }

  private static List<java.math.BigInteger> serials(List<CertificateAuthority> list) {
    return list.stream().map(a -> a.certificate().getSerialNumber()).toList();
  }
}
