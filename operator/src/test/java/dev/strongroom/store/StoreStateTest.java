package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreStateTest {
  private static final byte[] CONTEXT = "ctx".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = TestingCluster.seeded(3);
  @TempDir Path dir;

  private StoreState sample() {
    StoreState state = new StoreState();
    state.putSecretVersion("shop", "pw", "one".getBytes(StandardCharsets.UTF_8), "sealed:a", 1000);
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "sealed:b", 2000);
    state.putSecretVersion("shop", "gone", new byte[] {1}, "", 2000);
    state.deleteSecret("shop", "gone");
    state.recordGrantRevision("shop", "svc", List.of(new Grant("pw", 2, "pw", "0", "0", 0444)), 3);
    state.putKeyMaterial("ca", new byte[] {9, 9}, 4);
    return state;
  }

  private static byte[] bytesOf(StoreState state) {
    WireFormat.Writer w = new WireFormat.Writer(256);
    state.writeTo(w);
    return w.toByteArray();
  }

  @Test
  void snapshotFormatRoundTripsAndKeepsVersionCounters() {
    StoreState state = sample();
    StoreState copy = StoreState.readFrom(new WireFormat.Reader(bytesOf(state)));
    assertThat(bytesOf(copy)).isEqualTo(bytesOf(state));
    assertThat(copy.putSecretVersion("shop", "gone", new byte[] {2}, "", 5)).isEqualTo(2);
    assertThat(copy.readSecret("shop", "pw", 0).orElseThrow().version()).isEqualTo(2);
    assertThat(copy.listSecrets("shop"))
        .filteredOn(m -> m.name().equals("pw"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.latestOrigin()).isEqualTo("sealed:b");
              assertThat(m.latestSize()).isEqualTo(3);
            });
  }

  @Test
  void listsOnlyTheNamespaceAndTheNamesAskedFor() {
    StoreState state = sample();
    state.putSecretVersion("shop2", "pw", new byte[] {1}, "", 1);
    state.putSecretVersion("shop-a", "pw", new byte[] {1}, "", 1);
    state.putSecretVersion("shop", "api", new byte[] {1, 2}, "", 1);

    assertThat(state.listSecrets("shop"))
        .extracting(SecretMetadata::name)
        .containsExactly("api", "pw");
    assertThat(state.listSecrets("shop", List.of("pw", "missing", "pw")))
        .extracting(SecretMetadata::name)
        .containsExactly("pw");
    assertThat(state.listSecrets("shop2"))
        .extracting(SecretMetadata::namespace)
        .containsOnly("shop2");
  }

  @Test
  void encryptedSnapshotsRefuseTamperingTruncationAndWrongKeys() throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.generate(random);
    KeyState keys = new KeyState(kek);
    keys.replaceKeyring(Keyring.empty().withCurrent(DataKey.generate(1, random)));
    Path file = dir.resolve("snapshot.1_10");
    SnapshotFile.write(file, 1, 10, SnapshotFile.encodeState(sample()), keys, CONTEXT, random);

    KeyState fresh = new KeyState(kek);
    assertThat(bytesOf(SnapshotFile.read(file, 1, 10, fresh, CONTEXT)))
        .isEqualTo(bytesOf(sample()));
    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("shop", "one");

    byte[] good = Files.readAllBytes(file);
    for (int i = 0; i < good.length; i += 7) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(file, bad);
      assertThatThrownBy(() -> SnapshotFile.read(file, 1, 10, new KeyState(kek), CONTEXT))
          .isInstanceOfAny(StoreCorruptedException.class, WrongKeyException.class);
    }
    Files.write(file, Arrays.copyOf(good, good.length - 3));
    assertThatThrownBy(() -> SnapshotFile.read(file, 1, 10, new KeyState(kek), CONTEXT))
        .isInstanceOf(StoreCorruptedException.class);
    Files.write(file, good);
    assertThatThrownBy(() -> SnapshotFile.read(file, 1, 11, new KeyState(kek), CONTEXT))
        .as("a snapshot renamed to another index")
        .isInstanceOf(StoreCorruptedException.class);
    KeyEncryptionKey wrong = KeyEncryptionKey.generate(random);
    assertThatThrownBy(() -> SnapshotFile.read(file, 1, 10, new KeyState(wrong), CONTEXT))
        .isInstanceOf(WrongKeyException.class);
  }

  @Test
  void grantsRefuseTargetsOutsideTheSecretsDirectory() {
    for (String target : new String[] {"", "/etc/passwd", "../x", "a/../../x", "a\0b"}) {
      assertThatThrownBy(() -> new Grant("pw", 1, target, "0", "0", 0400))
          .as(target)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new Grant("pw", 1, "pw", "root", "0", 0400))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Grant("pw", 1, "db/pw", "999", "999", 0440).target()).isEqualTo("db/pw");
  }

  @Test
  void aConditionalKeyMaterialWriteLandsOnlyOnTheVersionItExpected() {
    StoreState state = new StoreState();

    assertThat(state.putKeyMaterial("ca", new byte[] {1}, 1, 0)).isEqualTo(1);
    assertThat(state.putKeyMaterial("ca", new byte[] {2}, 2, 0)).isZero();
    assertThat(state.putKeyMaterial("ca", new byte[] {3}, 3, 1)).isEqualTo(2);
    assertThat(state.putKeyMaterial("ca", new byte[] {4}, 4, 1)).isZero();
    assertThat(state.putKeyMaterial("ca", new byte[] {5}, 5, Command.PutKeyMaterial.ANY))
        .isEqualTo(3);

    try (KeyMaterial k = state.readKeyMaterial("ca", 0).orElseThrow()) {
      assertThat(k.version()).isEqualTo(3);
      assertThat(k.material().bytes()).containsExactly(5);
    }
    try (KeyMaterial k = state.readKeyMaterial("ca", 2).orElseThrow()) {
      assertThat(k.material().bytes()).containsExactly(3);
    }
  }
}
