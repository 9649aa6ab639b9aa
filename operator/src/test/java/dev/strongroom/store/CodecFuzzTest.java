package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzz-style cases: every command round-trips; malformed bytes are refused, typed. */
class CodecFuzzTest {
  private static final byte[] CONTEXT = "test context".getBytes(StandardCharsets.UTF_8);
  private final Random random = new Random(20261128);

  @Test
  void commandsRoundTrip() {
    for (int i = 0; i < 2_000; i++) {
      Command command = randomCommand();
      Command decoded = CommandCodec.decode(CommandCodec.encode(command));
      assertThat(CommandCodec.encode(decoded)).isEqualTo(CommandCodec.encode(command));
      assertThat(decoded.getClass()).isEqualTo(command.getClass());
    }
  }

  @Test
  void everyTruncationIsRefused() {
    for (int i = 0; i < 200; i++) {
      byte[] bytes = CommandCodec.encode(randomCommand());
      for (int len = 0; len < bytes.length; len++) {
        byte[] prefix = Arrays.copyOf(bytes, len);
        assertThatThrownBy(() -> CommandCodec.decode(prefix))
            .isInstanceOf(MalformedMessageException.class);
      }
      byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
      assertThatThrownBy(() -> CommandCodec.decode(longer))
          .isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void randomAndMutatedBytesDecodeOrFailTyped() {
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
          bytes[0] = (byte) CommandCodec.FORMAT_VERSION;
        }
      } else {
        bytes = CommandCodec.encode(randomCommand());
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      try {
        Command command = CommandCodec.decode(bytes);
        assertThat(CommandCodec.decode(CommandCodec.encode(command)).getClass())
            .isEqualTo(command.getClass());
      } catch (MalformedMessageException expected) {
        // refused, typed: what the state machine needs
      }
    }
    assertThatThrownBy(() -> CommandCodec.decode(new byte[] {9, 1}))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> CommandCodec.decode(new byte[] {1, 99}))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("tag");
  }

  /**
   * Logs and snapshots written by earlier builds must still decode, so the layout is pinned against
   * the JDK's DataOutput (big-endian, u16-prefixed UTF-8 names, i32-prefixed bytes, batch members
   * each i32-prefixed), whatever the codec's buffers look like inside.
   */
  @Test
  void theLayoutIsDataOutputWithLengthPrefixedBatchMembers() throws Exception {
    Command put = new Command.PutSecretVersion("ns", "pw", new byte[] {7, 8, 9}, "gen", 42);
    Command delete = new Command.DeleteSecret("ns", "old");
    byte[] putBytes =
        dataOutput(
            o -> {
              o.writeByte(1);
              o.writeByte(1);
              o.writeShort(2);
              o.writeBytes("ns");
              o.writeShort(2);
              o.writeBytes("pw");
              o.writeInt(3);
              o.write(new byte[] {7, 8, 9});
              o.writeShort(3);
              o.writeBytes("gen");
              o.writeLong(42);
            });
    byte[] deleteBytes =
        dataOutput(
            o -> {
              o.writeByte(1);
              o.writeByte(2);
              o.writeShort(2);
              o.writeBytes("ns");
              o.writeShort(3);
              o.writeBytes("old");
            });
    byte[] batchBytes =
        dataOutput(
            o -> {
              o.writeByte(1);
              o.writeByte(5);
              o.writeInt(2);
              o.writeInt(putBytes.length);
              o.write(putBytes);
              o.writeInt(deleteBytes.length);
              o.write(deleteBytes);
            });

    Grant grant = new Grant("pw", 2, "pw", "0", "0", 0400);
    Command everyRevision = new Command.RecordGrantRevision("ns", "svc", List.of(grant), 42);
    Command tenRevisions =
        new Command.RecordGrantRevision("ns", "svc", "u1", List.of(grant), 42, 10);
    byte[] grantBytes =
        dataOutput(
            o -> {
              o.writeShort(2);
              o.writeBytes("pw");
              o.writeLong(2);
              o.writeShort(2);
              o.writeBytes("pw");
              o.writeShort(1);
              o.writeBytes("0");
              o.writeShort(1);
              o.writeBytes("0");
              o.writeInt(0400);
            });
    assertThat(CommandCodec.encode(everyRevision))
        .as("a revision that keeps every one is written as before retention")
        .isEqualTo(revisionBytes(3, grantBytes, -1));
    assertThat(CommandCodec.encode(tenRevisions)).isEqualTo(revisionBytes(7, grantBytes, 10));
    assertThat(CommandCodec.decode(revisionBytes(7, grantBytes, 10))).isEqualTo(tenRevisions);
    assertThat(CommandCodec.decode(revisionBytes(3, grantBytes, -1))).isEqualTo(everyRevision);
    assertThatThrownBy(() -> CommandCodec.decode(revisionBytes(7, grantBytes, -2)))
        .isInstanceOf(MalformedMessageException.class);

    assertThat(CommandCodec.encode(put)).isEqualTo(putBytes);
    assertThat(CommandCodec.encode(delete)).isEqualTo(deleteBytes);
    byte[] forgettingBytes = deleteBytes.clone();
    forgettingBytes[1] = 9;
    assertThat(CommandCodec.encode(new Command.DeleteSecret("ns", "old", true)))
        .as("a delete that forgets: tag 9, the same fields")
        .isEqualTo(forgettingBytes);
    assertThat(CommandCodec.encode(new Command.Batch(List.of(put, delete)))).isEqualTo(batchBytes);
    Command.Batch decoded = (Command.Batch) CommandCodec.decode(batchBytes);
    assertThat(((Command.PutSecretVersion) decoded.commands().get(0)).value())
        .containsExactly(7, 8, 9);
  }

  @Test
  void aWriterThatOutgrowsItsBufferStillWritesEveryByteInOrder() {
    byte[] value = new byte[5_000];
    random.nextBytes(value);
    WireFormat.Writer w = new WireFormat.Writer(1);
    w.u8(3).string("name").bytes(value).i64(-2).bool(true);

    WireFormat.Reader r = new WireFormat.Reader(w.toByteArray());
    assertThat(r.u8()).isEqualTo(3);
    assertThat(r.string()).isEqualTo("name");
    assertThat(r.bytes(value.length)).isEqualTo(value);
    assertThat(r.i64()).isEqualTo(-2);
    assertThat(r.bool()).isTrue();
    r.end();
  }

  @Test
  void wipingADecodedCommandZeroesEveryValueItHolds() {
    Command batch =
        CommandCodec.decode(
            CommandCodec.encode(
                new Command.Batch(
                    List.of(
                        new Command.PutSecretVersion("ns", "a", new byte[] {1, 2}, "", 1),
                        new Command.PutKeyMaterial("ca", new byte[] {3, 4}, 1)))));

    CommandCodec.wipe(batch);

    List<Command> commands = ((Command.Batch) batch).commands();
    assertThat(((Command.PutSecretVersion) commands.get(0)).value()).containsOnly(0);
    assertThat(((Command.PutKeyMaterial) commands.get(1)).material()).containsOnly(0);
  }

  private interface DataWrites {
    void write(java.io.DataOutputStream out) throws java.io.IOException;
  }

  private static byte[] dataOutput(DataWrites writes) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    writes.write(new java.io.DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  @Test
  void deeplyNestedBatchesAreRefusedWithoutRecursion() {
    byte[] inner = CommandCodec.encode(new Command.DeleteSecret("ns", "a"));
    for (int depth = 0; depth < 2_000; depth++) {
      WireFormat.Writer w = new WireFormat.Writer(inner.length + 16);
      w.u8(CommandCodec.FORMAT_VERSION).u8(5).i32(1).bytes(inner);
      inner = w.toByteArray();
    }
    byte[] nested = inner;
    assertThatThrownBy(() -> CommandCodec.decode(nested))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("nest");
  }

  @Test
  void queriesRoundTripAndRefuseGarbage() {
    List<Query> queries =
        List.of(
            new Query.ReadSecret("ns", "a", 3),
            new Query.ListSecrets("ns"),
            new Query.ReadGrants("ns", "svc", 0),
            new Query.ReadGrantedSecrets("ns", "svc", 4),
            new Query.ReadKeyMaterial("ca", 2),
            new Query.CurrentDataKey(),
            new Query.ListServices());
    for (Query q : queries) {
      assertThat(QueryCodec.decode(QueryCodec.encode(q))).isEqualTo(q);
      byte[] bytes = QueryCodec.encode(q);
      for (int len = 0; len < bytes.length; len++) {
        byte[] prefix = Arrays.copyOf(bytes, len);
        assertThatThrownBy(() -> QueryCodec.decode(prefix))
            .isInstanceOf(MalformedMessageException.class);
      }
    }
  }

  @Test
  void sealedEntriesRefuseAnyChange() {
    DataKey key = DataKey.generate(7, new java.security.SecureRandom());
    byte[] command = CommandCodec.encode(randomCommand());
    byte[] entry = Envelope.seal(command, key, CONTEXT, new java.security.SecureRandom());
    assertThat(Envelope.open(entry, key, CONTEXT)).isEqualTo(command);
    for (int i = Envelope.DATA_HEADER; i < entry.length; i++) {
      byte[] tampered = entry.clone();
      tampered[i] ^= 0x40;
      assertThatThrownBy(() -> Envelope.open(tampered, key, CONTEXT))
          .isInstanceOf(StoreCorruptedException.class);
    }
    byte[] otherContext = "another store".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Envelope.open(entry, key, otherContext))
        .isInstanceOf(StoreCorruptedException.class);
    assertThatThrownBy(() -> Envelope.kind(new byte[] {2, 1}))
        .isInstanceOf(StoreCorruptedException.class);
    assertThatThrownBy(() -> Envelope.kind(Arrays.copyOf(entry, 10)))
        .isInstanceOf(StoreCorruptedException.class);
  }

  @Test
  void wrappedKeyringsTellWrongKeyFromTampering() {
    java.security.SecureRandom sr = new java.security.SecureRandom();
    KeyEncryptionKey kek = KeyEncryptionKey.generate(sr);
    KeyEncryptionKey other = KeyEncryptionKey.generate(sr);
    Keyring keyring =
        Keyring.empty().withCurrent(DataKey.generate(1, sr)).withCurrent(DataKey.generate(2, sr));
    WrappedKeyring wrapped = WrappedKeyring.wrap(keyring, kek, null, CONTEXT, sr);
    assertThat(wrapped.open(kek, CONTEXT).ids()).containsExactly(1, 2);
    assertThatThrownBy(() -> wrapped.open(other, CONTEXT)).isInstanceOf(WrongKeyException.class);

    byte[] entry = Envelope.keyring(wrapped);
    for (int i = 2; i < entry.length; i++) {
      byte[] tampered = entry.clone();
      tampered[i] ^= 0x01;
      try {
        Envelope.openKeyring(tampered).open(kek, CONTEXT);
        throw new AssertionError("a tampered keyring opened (byte " + i + ")");
      } catch (StoreCorruptedException | WrongKeyException expected) {
        // both are typed refusals
      }
    }
    WrappedKeyring rotated = WrappedKeyring.wrap(keyring, other, kek, CONTEXT, sr);
    assertThat(rotated.openChain(kek).id()).isEqualTo(other.id());
  }

  /**
   * A grant revision of ns/svc at time 42 with one grant; unless {@code retain} is -1, then for
   * service UID u1, keeping {@code retain}.
   */
  private static byte[] revisionBytes(int tag, byte[] grantBytes, int retain) throws Exception {
    return dataOutput(
        o -> {
          o.writeByte(1);
          o.writeByte(tag);
          o.writeShort(2);
          o.writeBytes("ns");
          o.writeShort(3);
          o.writeBytes("svc");
          o.writeInt(1);
          o.write(grantBytes);
          o.writeLong(42);
          if (retain != -1) {
            o.writeShort(2);
            o.writeBytes("u1");
            o.writeInt(retain);
          }
        });
  }

  private Command randomCommand() {
    if (random.nextInt(8) == 0) {
      List<Command> commands = new ArrayList<>();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        commands.add(randomPlainCommand());
      }
      return new Command.Batch(commands);
    }
    return randomPlainCommand();
  }

  private Command randomPlainCommand() {
    String ns = randomString();
    String name = randomString();
    long time = random.nextLong();
    return switch (random.nextInt(5)) {
      case 0 ->
          new Command.PutSecretVersion(
              ns, name, randomBytes(1 + random.nextInt(300)), randomString(), time);
      case 1 -> new Command.DeleteSecret(ns, name, random.nextBoolean());
      case 2 -> {
        List<Grant> grants = new ArrayList<>();
        for (int g = random.nextInt(4); g > 0; g--) {
          grants.add(
              new Grant(
                  randomString(),
                  1 + random.nextInt(100),
                  randomString(),
                  "0",
                  "1000",
                  random.nextInt(01000)));
        }
        yield random.nextBoolean()
            ? new Command.RecordGrantRevision(ns, name, grants, time)
            : new Command.RecordGrantRevision(
                ns, name, randomString(), grants, time, random.nextInt(20));
      }
      case 3 -> new Command.ForgetService(ns, name, 1 + random.nextInt(1000));
      default ->
          new Command.PutKeyMaterial(
              name,
              randomBytes(1 + random.nextInt(100)),
              time,
              random.nextBoolean() ? Command.PutKeyMaterial.ANY : random.nextInt(5));
    };
  }

  private String randomString() {
    StringBuilder s = new StringBuilder();
    for (int i = 1 + random.nextInt(20); i > 0; i--) {
      s.append(
          (char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x3b1 + random.nextInt(20)));
    }
    return s.toString();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
