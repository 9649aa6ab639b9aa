package dev.strongroom.cli;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The key-encryption key and peer TLS files for operator replicas run as local processes (the demo,
 * a laptop): what {@code strongroom init} puts in Secrets, as files. Existing files are kept, since
 * a new key would lock the store that the old one sealed.
 */
final class LocalOperatorFiles {
  private final Path dir;

  LocalOperatorFiles(Path dir) {
    this.dir = dir;
  }

  /** The key file replicas read with {@code --key-file}. */
  Path keyFile() {
    return dir.resolve("kek");
  }

  /** The directory of {@code peer.pem}, {@code peer-key.pem} and {@code ca.pem}. */
  Path peerTlsDir() {
    return dir.resolve("peer-tls");
  }

  void createMissing(PrintWriter out, SecureRandom random) throws IOException {
    Files.createDirectories(dir);
    if (Files.exists(keyFile())) {
      out.println(keyFile() + " exists; kept");
    } else {
      writeKey(random);
      out.println(keyFile() + " created");
    }
    if (Files.exists(peerTlsDir().resolve("ca.pem"))) {
      out.println(peerTlsDir() + " exists; kept");
    } else {
      PeerCertificates.issue(
          peerTlsDir(),
          List.of("127.0.0.1", "localhost"),
          "strongroom-local",
          Duration.ofDays(365),
          Clock.systemUTC(),
          random);
      out.println(peerTlsDir() + " created");
    }
  }

  private void writeKey(SecureRandom random) throws IOException {
    // Created owner-only before a byte is written, so the key is never readable by others.
    Files.createFile(
        keyFile(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (KeyEncryptionKey kek = KeyEncryptionKey.generate(random)) {
      byte[] key = kek.exportBytes();
      try {
        Files.write(keyFile(), key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
  }
}
