package dev.strongroom.store;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A peer's local copy of the keyring sealed under its current KEK. It lets a restarted peer that
 * only holds a rotated KEK replay older log entries, and tells a wrong KEK at unlock time.
 */
final class KeyringFile {
  private static final byte[] MAGIC = "SRKEYRG1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTEXT =
      "strongroom keyring file".getBytes(StandardCharsets.US_ASCII);

  private final Path file;

  KeyringFile(Path file) {
    this.file = file;
  }

  /** Replaces the file atomically and durably. */
  void write(Keyring keyring, KeyEncryptionKey kek, SecureRandom random) {
    WireFormat.Writer w = new WireFormat.Writer(256);
    for (byte b : MAGIC) {
      w.u8(b);
    }
    WrappedKeyring.wrap(keyring, kek, null, CONTEXT, random).writeTo(w);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(w.toByteArray()));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the local keyring file", e);
    }
  }

  /** The keyring, empty when the file does not exist (a new or wiped peer). */
  Optional<Keyring> read(KeyEncryptionKey kek) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local keyring file", e);
    }
    WireFormat.Reader r = new WireFormat.Reader(bytes);
    try {
      byte[] magic = r.exactly(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new StoreCorruptedException("the local keyring file has an unknown format");
      }
      WrappedKeyring wrapped = WrappedKeyring.readFrom(r);
      r.end();
      return Optional.of(wrapped.open(kek, CONTEXT));
    } catch (MalformedMessageException e) {
      throw new StoreCorruptedException("the local keyring file is truncated or malformed", e);
    }
  }
}
