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
    state.recordGrantRevision("shop", "svc", List.of(grant("pw", 1)), 1500);
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "sealed:b", 2000);
    state.putSecretVersion("shop", "gone", new byte[] {1}, "", 2000);
    state.deleteSecret("shop", "gone", false);
    state.recordGrantRevision("shop", "svc", "svc-uid", List.of(grant("pw", 2)), 3, 10);
    state.putKeyMaterial("ca", new byte[] {9, 9}, 4);
    return state;
  }

  private static Grant grant(String secret, long version) {
    return new Grant(secret, version, secret, "0", "0", 0444);
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
    assertThat(copy.readGrants("shop", "svc", 2).orElseThrow().serviceUid()).isEqualTo("svc-uid");
    assertThat(copy.readGrants("shop", "svc", 1).orElseThrow().serviceUid()).isEmpty();
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
  void aVersionSupersededBeforeAnyGrantNamedItIsWipedAndDropped() {
    StoreState state = new StoreState();
    byte[] first = "one".getBytes(StandardCharsets.UTF_8);
    state.apply(new Command.PutSecretVersion("shop", "pw", first, "", 1));
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "", 2);

    assertThat(first).as("wiped").containsOnly(0);
    assertThat(state.readSecret("shop", "pw", 1)).isEmpty();
    assertThat(state.listSecrets("shop"))
        .singleElement()
        .satisfies(m -> assertThat(m.versions()).containsExactly(2L));
    assertThat(state.recordGrantRevision("shop", "svc", List.of(grant("pw", 2), grant("pw", 1)), 3))
        .isEqualTo(StoreState.MISSING_VERSION);
    assertThat(state.readGrants("shop", "svc", 0)).as("nothing recorded").isEmpty();
    assertThat(state.recordGrantRevision("shop", "svc", List.of(grant("pw", 2)), 4)).isEqualTo(1);
  }

  @Test
  void aGrantedVersionOutlivesItsSuccessorsAcrossSnapshots() {
    StoreState state = new StoreState();
    state.putSecretVersion("shop", "pw", "one".getBytes(StandardCharsets.UTF_8), "", 1);
    state.recordGrantRevision("shop", "svc", List.of(grant("pw", 1)), 2);
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "", 3);
    state.putSecretVersion("shop", "pw", "three".getBytes(StandardCharsets.UTF_8), "", 4);

    StoreState copy = StoreState.readFrom(new WireFormat.Reader(bytesOf(state)));
    copy.putSecretVersion("shop", "pw", "four".getBytes(StandardCharsets.UTF_8), "", 5);

    assertThat(copy.listSecrets("shop"))
        .singleElement()
        .satisfies(m -> assertThat(m.versions()).containsExactly(1L, 4L));
    try (SecretVersion v1 = copy.readSecret("shop", "pw", 1).orElseThrow()) {
      assertThat(v1.value().contentEquals("one".getBytes(StandardCharsets.UTF_8))).isTrue();
    }
  }

  @Test
  void grantsOfDeletedOrUnknownSecretsRecordNothing() {
    StoreState state = new StoreState();
    state.putSecretVersion("shop", "pw", new byte[] {1}, "", 1);
    state.deleteSecret("shop", "pw", false);

    assertThat(state.recordGrantRevision("shop", "svc", List.of(grant("pw", 1)), 2))
        .isEqualTo(StoreState.MISSING_VERSION);
    assertThat(state.recordGrantRevision("shop", "svc", List.of(grant("api", 1)), 2))
        .isEqualTo(StoreState.MISSING_VERSION);
    assertThat(state.recordGrantRevision("other", "svc", List.of(grant("pw", 1)), 2))
        .as("another namespace's secret")
        .isEqualTo(StoreState.MISSING_VERSION);
    assertThat(state.recordGrantRevision("shop", "svc", List.of(), 2)).isEqualTo(1);
  }

  @Test
  void aSnapshotFromBeforeTheRuleLosesOnlyItsUngrantedSupersededVersions() {
    // Four versions of one secret, of which v2 is granted, as a build that kept every version
    // wrote them.
    WireFormat.Writer w = new WireFormat.Writer(256);
    w.u8(1).i32(1); // format 1: revisions without a service UID
    w.string("shop").string("pw").i64(4).i64(1).i64(4).i32(4);
    for (int v = 1; v <= 4; v++) {
      w.i64(v).bytes(new byte[] {(byte) v}).i64(v).string("");
    }
    w.i32(1).i32(1).string("shop").string("svc").i64(1).i64(2).i32(1);
    CommandCodec.writeGrant(w, grant("pw", 2));
    w.i32(0);

    StoreState state = StoreState.readFrom(new WireFormat.Reader(w.toByteArray()));

    assertThat(state.listSecrets("shop"))
        .singleElement()
        .satisfies(m -> assertThat(m.versions()).containsExactly(2L, 4L));
    assertThat(state.putSecretVersion("shop", "pw", new byte[] {5}, "", 5)).isEqualTo(5);
    assertThat(state.listSecrets("shop").get(0).versions()).containsExactly(2L, 5L);
  }

  @Test
  void aRevisionPastTheRetainedOnesGoesWithTheVersionsOnlyItNamed() {
    StoreState state = new StoreState();
    byte[] first = "one".getBytes(StandardCharsets.UTF_8);
    state.apply(new Command.PutSecretVersion("shop", "pw", first, "", 1));
    state.putSecretVersion("shop", "api", new byte[] {7}, "", 1);
    state.recordGrantRevision("shop", "svc", "u1", List.of(grant("pw", 1), grant("api", 1)), 2, 2);
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "", 3);
    state.recordGrantRevision("shop", "svc", "u1", List.of(grant("pw", 2), grant("api", 1)), 4, 2);
    state.putSecretVersion("shop", "pw", "three".getBytes(StandardCharsets.UTF_8), "", 5);
    assertThat(first).as("granted by revision 1, kept").doesNotContain(0);

    long third =
        state.apply(
            new Command.RecordGrantRevision(
                "shop", "svc", "u1", List.of(grant("pw", 3), grant("api", 1)), 6, 2));

    assertThat(third).isEqualTo(3);
    assertThat(state.readGrants("shop", "svc", 1)).as("past the newest two").isEmpty();
    assertThat(state.readGrants("shop", "svc", 2)).isPresent();
    assertThat(first).as("wiped").containsOnly(0);
    assertThat(state.listSecrets("shop"))
        .extracting(m -> m.name() + m.versions())
        .containsExactly("api[1]", "pw[2, 3]");
    assertThat(state.listServices()).containsExactly(new StoredService("shop", "svc", 2, 3, 2));
    assertThat(state.size())
        .as("api v1 (1 byte), pw v2 and v3 (3 and 5 bytes); two revisions of one service")
        .isEqualTo(new StoreSize(2, 3, 9, 1, 2));

    StoreState copy = StoreState.readFrom(new WireFormat.Reader(bytesOf(state)));
    copy.putSecretVersion("shop", "pw", "four".getBytes(StandardCharsets.UTF_8), "", 7);
    copy.recordGrantRevision("shop", "svc", "u1", List.of(grant("pw", 4)), 8, 2);
    assertThat(copy.listSecrets("shop"))
        .as("after a snapshot the counts are the revisions' own")
        .extracting(m -> m.name() + m.versions())
        .containsExactly("api[1]", "pw[3, 4]");
  }

  @Test
  void aForgottenServiceReleasesOnlyWhatNoOtherServiceGrants() {
    StoreState state = new StoreState();
    byte[] first = "one".getBytes(StandardCharsets.UTF_8);
    state.apply(new Command.PutSecretVersion("shop", "pw", first, "", 1));
    state.putSecretVersion("shop", "api", new byte[] {7}, "", 1);
    state.recordGrantRevision("shop", "svc", List.of(grant("pw", 1), grant("pw", 1)), 2);
    state.recordGrantRevision("shop", "web", List.of(grant("api", 1)), 2);
    state.recordGrantRevision("shop", "svc", List.of(grant("api", 1)), 3);
    state.putSecretVersion("shop", "pw", "two".getBytes(StandardCharsets.UTF_8), "", 4);
    state.putSecretVersion("shop", "api", new byte[] {8}, "", 4);

    assertThat(state.apply(new Command.ForgetService("shop", "svc", 1)))
        .as("its newest is 2: created again and reconciled since the sweep read it")
        .isZero();
    assertThat(state.forgetService("shop", "nothing", 1)).isFalse();
    assertThat(first).doesNotContain(0);

    assertThat(state.apply(new Command.ForgetService("shop", "svc", 2))).isEqualTo(1);

    assertThat(first).as("only the forgotten service granted pw v1").containsOnly(0);
    assertThat(state.listSecrets("shop"))
        .extracting(m -> m.name() + m.versions())
        .containsExactly("api[1, 2]", "pw[2]");
    assertThat(state.listServices()).containsExactly(new StoredService("shop", "web", 1, 1, 1));
    assertThat(state.readGrants("shop", "svc", 0)).isEmpty();
    assertThat(state.recordGrantRevision("shop", "svc", List.of(), 5))
        .as("a service created again starts over")
        .isEqualTo(1);
  }

  @Test
  void aDeletedSecretKeepsItsNumbersExactlyWhileARevisionNamesThemOrTheOldDeleteRemovedIt() {
    StoreState granted = new StoreState();
    granted.putSecretVersion("shop", "pw", new byte[] {1}, "", 1);
    granted.recordGrantRevision("shop", "svc", List.of(grant("pw", 1)), 2);
    granted.deleteSecret("shop", "pw", false);
    StoreState copy = StoreState.readFrom(new WireFormat.Reader(bytesOf(granted)));

    assertThat(granted.putSecretVersion("shop", "pw", new byte[] {2}, "", 3))
        .as("revision 1 of svc means the deleted v1")
        .isEqualTo(2);

    assertThat(copy.forgetService("shop", "svc", 1)).isTrue();
    assertThat(copy.listSecrets("shop")).isEmpty();
    assertThat(bytesOf(copy)).as("forgotten whole").isEqualTo(bytesOf(new StoreState()));
    assertThat(copy.putSecretVersion("shop", "pw", new byte[] {2}, "", 3)).isEqualTo(1);

    StoreState never = new StoreState();
    never.putSecretVersion("shop", "pw", new byte[] {1}, "", 1);
    never.deleteSecret("shop", "pw", false);
    assertThat(never.putSecretVersion("shop", "pw", new byte[] {2}, "", 2))
        .as("a delete as entries from before the choice mean it: every peer agrees")
        .isEqualTo(2);
    assertThat(never.apply(new Command.DeleteSecret("shop", "pw", true))).isEqualTo(1);
    assertThat(never.listSecrets("shop")).isEmpty();
    assertThat(bytesOf(never)).as("forgotten whole").isEqualTo(bytesOf(new StoreState()));

    StoreState oldDelete = new StoreState();
    oldDelete.putSecretVersion("shop", "pw", new byte[] {1}, "", 1);
    oldDelete.apply(new Command.DeleteSecret("shop", "pw"));
    assertThat(oldDelete.apply(new Command.DeleteSecret("shop", "pw", true)))
        .as("nothing left to delete")
        .isZero();
    assertThat(bytesOf(oldDelete))
        .as("but the record the old delete left is forgotten")
        .isEqualTo(bytesOf(new StoreState()));

    StoreState named = new StoreState();
    named.putSecretVersion("shop", "pw", new byte[] {1}, "", 1);
    named.recordGrantRevision("shop", "svc", List.of(grant("pw", 1)), 2);
    named.apply(new Command.DeleteSecret("shop", "pw", true));
    assertThat(named.putSecretVersion("shop", "pw", new byte[] {2}, "", 3))
        .as("revision 1 of svc still names v1")
        .isEqualTo(2);
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
