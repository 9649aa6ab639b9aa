package dev.strongroom.cli;

import dev.strongroom.api.StrongroomApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a secret value, 1 byte to 500 KiB, into exactly one array that the caller zeroes: the bytes
 * go through one fixed buffer, zeroed before returning, and never through a temporary file.
 */
final class SecretValueReader {
  private final int maxBytes;

  SecretValueReader() {
    this(StrongroomApi.MAX_VALUE_BYTES);
  }

  SecretValueReader(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The value of {@code file}, or of {@code stdin} when {@code file} is {@code -}. */
  byte[] read(String file, InputStream stdin) {
    if (file.equals("-")) {
      return read(stdin, "standard input");
    }
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new UserError("cannot read " + file + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, file);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new UserError("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private byte[] read(InputStream in, String what) {
    byte[] buffer = new byte[maxBytes + 1];
    try {
      int length = 0;
      int n;
      while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
      }
      if (length == 0 || length > maxBytes) {
        throw new UserError(
            "a secret value is 1 byte to "
                + maxBytes / 1024
                + " KiB; "
                + what
                + (length == 0 ? " is empty" : " holds more"));
      }
      return Arrays.copyOf(buffer, length);
    } catch (IOException e) {
      throw new UserError("cannot read " + what + " (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
