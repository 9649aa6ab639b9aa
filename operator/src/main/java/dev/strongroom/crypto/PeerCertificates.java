package dev.strongroom.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues a peer CA and a peer certificate (EC P-256) as PEM files for Raft's mutual TLS. The
 * operator's deployment (or the benchmark) runs this once; every peer then gets the same three
 * files.
 */
public final class PeerCertificates {
  /** The PEM files one peer needs: its certificate, its PKCS#8 key and the CA to trust. */
  public record Files(Path certificate, Path privateKey, Path trustedCa) {}

  private PeerCertificates() {}

  /** Issues a new CA and a peer certificate valid for {@code hosts}, written under {@code dir}. */
  public static Files issue(
      Path dir,
      List<String> hosts,
      String name,
      Duration validity,
      Clock clock,
      SecureRandom random)
      throws IOException {
    try {
      KeyPair ca = newKeyPair(random);
      KeyPair peer = newKeyPair(random);
      Instant now = clock.instant();
      X500Name caName = new X500Name("CN=" + name + " peer CA");
      X509Certificate caCert =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
                      serial(random),
                      Date.from(now.minusSeconds(60)),
                      Date.from(now.plus(validity)),
                      caName,
                      ca.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              ca);
      List<GeneralName> names = new ArrayList<>();
      for (String host : hosts) {
        names.add(
            isIp(host)
                ? new GeneralName(
                    GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
                : new GeneralName(GeneralName.dNSName, host));
      }
      X509Certificate peerCert =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
                      serial(random),
                      Date.from(now.minusSeconds(60)),
                      Date.from(now.plus(validity)),
                      new X500Name("CN=" + name + " peer"),
                      peer.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                  .addExtension(
                      Extension.extendedKeyUsage,
                      false,
                      new ExtendedKeyUsage(
                          new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                          }))
                  .addExtension(
                      Extension.subjectAlternativeName,
                      false,
                      new GeneralNames(names.toArray(GeneralName[]::new))),
              ca);
      java.nio.file.Files.createDirectories(dir);
      Files files =
          new Files(dir.resolve("peer.pem"), dir.resolve("peer-key.pem"), dir.resolve("ca.pem"));
      write(files.certificate(), pem("CERTIFICATE", peerCert.getEncoded()));
      write(files.trustedCa(), pem("CERTIFICATE", caCert.getEncoded()));
      write(files.privateKey(), "");
      java.nio.file.Files.setPosixFilePermissions(
          files.privateKey(), PosixFilePermissions.fromString("rw-------"));
      write(files.privateKey(), pem("PRIVATE KEY", peer.getPrivate().getEncoded()));
      return files;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue peer certificates", e);
    }
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    X509CertificateHolder holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).add(BigInteger.ONE);
  }

  private static boolean isIp(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void write(Path file, String text) throws IOException {
    java.nio.file.Files.writeString(file, text, StandardCharsets.US_ASCII);
  }
}
