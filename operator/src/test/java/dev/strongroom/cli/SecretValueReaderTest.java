package dev.strongroom.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretValueReaderTest {
  @TempDir Path dir;

  @Test
  void readsAFileExactly() throws Exception {
    Path file = dir.resolve("v");
    Files.write(file, new byte[] {1, 2, 3});

    assertThat(new SecretValueReader(8).read(file.toString(), InputStream.nullInputStream()))
        .containsExactly(1, 2, 3);
  }

  @Test
  void readsStandardInputUpToTheLimit() {
    byte[] value =
        new SecretValueReader(4).read("-", new ByteArrayInputStream("abcd".getBytes(UTF_8)));

    assertThat(new String(value, UTF_8)).isEqualTo("abcd");
  }

  @Test
  void refusesMoreThanTheLimitWithoutNamingTheValue() {
    assertThatThrownBy(
            () ->
                new SecretValueReader(4)
                    .read("-", new ByteArrayInputStream("abcde".getBytes(UTF_8))))
        .isInstanceOf(UserError.class)
        .hasMessage("a secret value is 1 byte to 0 KiB; standard input holds more");
  }

  @Test
  void refusesMissingFilesAndDirectories() {
    assertThatThrownBy(() -> new SecretValueReader().read(dir.resolve("nope").toString(), null))
        .hasMessageEndingWith("nope: no such file");
    assertThatThrownBy(() -> new SecretValueReader().read(dir.toString(), null))
        .hasMessageEndingWith(": it is a directory");
  }
}
