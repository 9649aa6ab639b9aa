package dev.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = new byte[32];
  private final byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTripsAndRefusesEveryFlippedByte() throws Exception {
    random.nextBytes(key);
    byte[] plain = "a value".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = AesGcm.seal(key, aad, plain, random);
    assertThat(AesGcm.open(key, aad, sealed)).isEqualTo(plain);
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 1;
      assertThatThrownBy(() -> AesGcm.open(key, aad, tampered))
          .isInstanceOf(AuthenticationFailedException.class);
    }
    assertThatThrownBy(() -> AesGcm.open(key, "other".getBytes(StandardCharsets.UTF_8), sealed))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> AesGcm.open(key, aad, Arrays.copyOf(sealed, sealed.length - 1)))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> AesGcm.open(key, aad, new byte[5]))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void noncesDoNotRepeat() {
    random.nextBytes(key);
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      byte[] sealed = AesGcm.seal(key, aad, new byte[1], random);
      assertThat(nonces.add(Arrays.toString(Arrays.copyOf(sealed, AesGcm.NONCE_BYTES)))).isTrue();
    }
  }

  @Test
  void keyFilesAreReadRawBase64OrHex(@TempDir Path dir) throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.generate(random);
    byte[] raw = kek.exportBytes();
    Files.write(dir.resolve("raw"), raw);
    Files.writeString(dir.resolve("b64"), java.util.Base64.getEncoder().encodeToString(raw) + "\n");
    Files.writeString(dir.resolve("hex"), java.util.HexFormat.of().formatHex(raw));
    Files.writeString(dir.resolve("short"), "abc");
    for (String name : new String[] {"raw", "b64", "hex"}) {
      assertThat(KeyEncryptionKey.read(dir.resolve(name)).id()).isEqualTo(kek.id());
    }
    assertThatThrownBy(() -> KeyEncryptionKey.read(dir.resolve("short")))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageNotContaining("abc");
    assertThat(kek.toString()).doesNotContain(java.util.HexFormat.of().formatHex(raw));
  }
}
