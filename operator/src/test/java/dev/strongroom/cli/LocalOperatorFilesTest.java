package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.crypto.KeyEncryptionKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOperatorFilesTest {
  @TempDir Path dir;

  @Test
  void writesAnOwnerOnlyKeyAndPeerTlsFilesThatTheOperatorAccepts() throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        StrongroomCommand.commandLine()
            .setOut(new PrintWriter(out))
            .execute("init", "--local", dir.toString());

    assertThat(exit).isZero();
    LocalOperatorFiles files = new LocalOperatorFiles(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keyFile())))
        .isEqualTo("rw-------");
    assertThat(KeyEncryptionKey.read(files.keyFile())).isNotNull();
    assertThat(files.peerTlsDir().resolve("peer.pem")).content().contains("BEGIN CERTIFICATE");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(files.peerTlsDir().resolve("peer-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(out.toString()).contains("kek created", "peer-tls created");
  }

  @Test
  void keepsExistingFilesSinceANewKeyWouldLockTheStore() throws Exception {
    LocalOperatorFiles files = new LocalOperatorFiles(dir);
    files.createMissing(new PrintWriter(new StringWriter()), new SecureRandom());
    byte[] key = Files.readAllBytes(files.keyFile());
    String ca = Files.readString(files.peerTlsDir().resolve("ca.pem"));

    StringWriter out = new StringWriter();
    files.createMissing(new PrintWriter(out), new SecureRandom());

    assertThat(Files.readAllBytes(files.keyFile())).isEqualTo(key);
    assertThat(files.peerTlsDir().resolve("ca.pem")).hasContent(ca);
    assertThat(out.toString()).contains("kek exists; kept", "peer-tls exists; kept");
  }
}
