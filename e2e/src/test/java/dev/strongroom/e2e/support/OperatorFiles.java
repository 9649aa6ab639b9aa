package dev.strongroom.e2e.support;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import dev.strongroom.store.PeerTlsFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The files an operator's replicas share: the key-encryption key and the peer TLS material. */
final class OperatorFiles {
  private OperatorFiles() {}

  /** A fresh key-encryption key in {@code dir/kek}, readable by its owner only. */
  static Path keyFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("kek");
    try (KeyEncryptionKey kek = KeyEncryptionKey.generate(new SecureRandom())) {
      Files.write(keyFile, kek.exportBytes());
    }
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    return keyFile;
  }

  /** A peer CA and a loopback peer certificate under {@code dir/peer-tls}. */
  static PeerTlsFiles peerTls(Path dir) throws IOException {
    PeerCertificates.Files files =
        PeerCertificates.issue(
            dir.resolve("peer-tls"),
            List.of("127.0.0.1", "localhost"),
            "strongroom-test",
            Duration.ofDays(1),
            Clock.systemUTC(),
            new SecureRandom());
    return new PeerTlsFiles(files.certificate(), files.privateKey(), files.trustedCa());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
