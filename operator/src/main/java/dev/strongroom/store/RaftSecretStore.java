package dev.strongroom.store;

import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.ChecksumException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The {@link SecretStore} on an Apache Ratis group. One instance is one peer plus a client. It
 * starts locked; {@link #unlock} starts the Raft server. Commands are encrypted here, before they
 * are proposed, so nothing readable reaches any peer's disk.
 */
public final class RaftSecretStore implements SecretStore {
  private static final long APPLY_WAIT_MILLIS = 20_000;

  /** How long this peer may take to answer a read itself before the client asks the leader. */
  private static final Duration LOCAL_READ_BUDGET = Duration.ofSeconds(2);

  private final StoreConfig config;
  private final RaftGroup group;
  private final byte[] context;
  private volatile Running running;

  /**
   * A started peer. Several clients spread requests over several gRPC streams: the server handles
   * each stream's requests one after another.
   */
  private record Running(
      RaftServer server,
      StoreStateMachine machine,
      List<RaftClient> clients,
      LocalReads localReads,
      AtomicLong next,
      WriteBatcher batcher,
      ExecutorService completions) {

    RaftClient client() {
      return clients.get((int) (next.getAndIncrement() % clients.size()));
    }
  }

  /** A locked store; nothing runs until {@link #unlock}. */
  public RaftSecretStore(StoreConfig config) {
    this.config = config;
    UUID groupUuid = UUID.nameUUIDFromBytes("strongroom store".getBytes(StandardCharsets.UTF_8));
    this.group =
        RaftGroup.valueOf(
            RaftGroupId.valueOf(groupUuid),
            config.peers().stream()
                .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build())
                .toList());
    this.context = ("strongroom entry v1 " + groupUuid).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean isLocked() {
    return running == null;
  }

  @Override
  public synchronized void unlock(KeyEncryptionKey kek) {
    if (running != null) {
      if (running.machine().keys().currentKek().id() != kek.id()) {
        throw new WrongKeyException("the store is already unlocked with another key");
      }
      return;
    }
    KeyState keys = new KeyState(kek);
    KeyringFile keyringFile = new KeyringFile(config.dataDir().resolve("keyring.bin"));
    keyringFile.read(kek).ifPresent(keys::replaceKeyring);
    StoreStateMachine machine =
        new StoreStateMachine(keys, keyringFile, context, !config.encrypted(), config.random());
    RaftServer server = null;
    try {
      server =
          RaftServer.newBuilder()
              .setServerId(RaftPeerId.valueOf(config.selfId()))
              .setGroup(group)
              .setStateMachine(machine)
              .setProperties(
                  RaftSettings.properties(config, config.self(), config.dataDir().resolve("raft")))
              .setParameters(RaftSettings.parameters(config))
              .setOption(RaftStorage.StartupOption.RECOVER)
              .build();
      server.start();
    } catch (IOException | RuntimeException e) {
      closeQuietly(server, e);
      throw typed(e, "the Raft peer did not start");
    }
    running = newRunning(server, machine);
    try {
      if (group.getPeers().size() == 1) {
        awaitSingletonLeaderReady(running);
      }
      if (machine.failure() != null) {
        throw machine.failure();
      }
      if (config.encrypted()) {
        ensureDataKey(running);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Waits until a one-peer group's leader has committed its start-up entry. Ratis answers a
   * one-peer group's read index with the commit index at once, without its multi-peer check that
   * the leader has committed in its term; right after a restart that index is what the peer
   * recovered, which can be behind its log, so a read there could miss acknowledged writes.
   * Committing the start-up entry commits the whole log, and later reads wait for it to apply.
   */
  private void awaitSingletonLeaderReady(Running r) {
    long deadline = System.nanoTime() + config.tuning().requestTimeout().toNanos();
    try {
      var division = r.server().getDivision(group.getGroupId());
      while (!division.getInfo().isLeaderReady()) {
        StoreException failure = r.machine().failure();
        if (failure != null) {
          throw failure;
        }
        if (System.nanoTime() > deadline) {
          throw new StoreUnavailableException(
              "this peer did not become a ready leader of its one-peer group within "
                  + config.tuning().requestTimeout().toSeconds()
                  + " s");
        }
        // Ratis offers nothing to wait on for readiness: poll every 10 ms, woken early by applies.
        r.machine().awaitApplied(r.machine().lastAppliedIndex() + 1, 10);
      }
    } catch (IOException e) {
      throw typed(e, "the Raft peer did not start");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while the peer started", e);
    }
  }

  /** Wires clients and the write batcher to a started server. */
  private Running newRunning(RaftServer server, StoreStateMachine machine) {
    List<RaftClient> clients = new ArrayList<>();
    for (int i = 0; i < Math.max(1, config.tuning().clients()); i++) {
      clients.add(
          RaftClient.newBuilder()
              .setRaftGroup(group)
              .setProperties(
                  RaftSettings.properties(config, config.self(), config.dataDir().resolve("raft")))
              .setParameters(RaftSettings.parameters(config))
              .setRetryPolicy(RaftSettings.retryPolicy(config.tuning()))
              .build());
    }
    Running[] started = new Running[1];
    ExecutorService completions =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "strongroom-store-" + config.selfId() + "-writes");
              thread.setDaemon(true);
              return thread;
            });
    WriteBatcher batcher =
        new WriteBatcher(
            commands -> sendBatch(started[0], commands),
            completions,
            Math.max(1, config.tuning().batchesInFlight()),
            CommandCodec.MAX_BATCH_COMMANDS,
            CommandCodec.MAX_BATCH_BYTES,
            config.tuning().batchRefill().toNanos());
    started[0] =
        new Running(
            server,
            machine,
            List.copyOf(clients),
            new LocalReads(server, group.getGroupId(), LOCAL_READ_BUDGET),
            new AtomicLong(),
            batcher,
            completions);
    return started[0];
  }

  /** Creates the first data key when the replicated keyring is empty, then waits for it here. */
  private void ensureDataKey(Running r) {
    if (!r.machine().keys().keyring().isEmpty()) {
      return;
    }
    int current = QueryCodec.readCurrentDataKey(read(new Query.CurrentDataKey()));
    if (current == 0) {
      proposeKeyring(r, Keyring.empty().withCurrent(DataKey.generate(1, config.random())), null);
    }
    awaitKeyring(r, current == 0 ? 1 : current);
  }

  private void awaitKeyring(Running r, int keyId) {
    try {
      while (r.machine().keys().keyring().get(keyId).isEmpty()) {
        StoreException failure = r.machine().failure();
        if (failure != null) {
          throw failure;
        }
        if (!r.machine().awaitApplied(r.machine().lastAppliedIndex() + 1, APPLY_WAIT_MILLIS)) {
          throw new StoreUnavailableException(
              "this peer did not catch up with the keyring (applied up to "
                  + r.machine().lastAppliedIndex()
                  + ")");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for the keyring", e);
    }
  }

  /** Proposes a keyring entry; returns false when another peer took the key id first. */
  private boolean proposeKeyring(Running r, Keyring keyring, KeyEncryptionKey newKek) {
    KeyEncryptionKey current = r.machine().keys().currentKek();
    WrappedKeyring wrapped =
        newKek == null
            ? WrappedKeyring.wrap(keyring, current, null, context, config.random())
            : WrappedKeyring.wrap(keyring, newKek, current, context, config.random());
    RaftClientReply reply = send(r, Envelope.keyring(wrapped));
    try {
      QueryCodec.readResult(reply.getMessage().getContent().toByteArray());
    } catch (InvalidRequestException e) {
      return false;
    }
    try {
      r.machine().awaitApplied(reply.getLogIndex(), APPLY_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for the keyring", e);
    }
    return true;
  }

  @Override
  public void rotateDataKey() {
    Running r = running();
    for (int attempt = 0; attempt < 10; attempt++) {
      Keyring keyring = r.machine().keys().keyring();
      DataKey key = DataKey.generate(keyring.nextId(), config.random());
      if (proposeKeyring(r, Keyring.empty().withCurrent(key), null)) {
        return;
      }
      awaitKeyring(r, keyring.nextId());
    }
    throw new StoreUnavailableException("could not claim a data key id after 10 attempts");
  }

  @Override
  public void rotateKeyEncryptionKey(KeyEncryptionKey newKek) {
    Running r = running();
    int current = QueryCodec.readCurrentDataKey(read(new Query.CurrentDataKey()));
    if (current != 0) {
      awaitKeyring(r, current);
    }
    r.machine().keys().addKek(newKek);
    if (!proposeKeyring(r, r.machine().keys().keyring(), newKek)) {
      throw new StoreCorruptedException("the keyring changed under a key-encryption-key rotation");
    }
    try {
      // A snapshot sealed under the new KEK, so a wiped peer given only that KEK can catch up.
      r.client().getSnapshotManagementApi().create(config.tuning().requestTimeout().toMillis());
    } catch (IOException e) {
      throw new StoreUnavailableException("the KEK rotated but the snapshot failed", e);
    }
  }

  @Override
  public long putSecretVersion(String namespace, String name, byte[] value, String origin) {
    return write(putCommand(namespace, name, value, origin));
  }

  /** The asynchronous form of {@link #putSecretVersion}, for pipelined callers (the benchmark). */
  public CompletableFuture<Long> putSecretVersionAsync(
      String namespace, String name, byte[] value) {
    return writeAsync(putCommand(namespace, name, value, ""));
  }

  private Command putCommand(String namespace, String name, byte[] value, String origin) {
    Names.check(namespace, name);
    if (value.length < 1 || value.length > SecretValue.MAX_BYTES) {
      throw new InvalidRequestException(
          "a secret value is 1 byte to " + SecretValue.MAX_BYTES + " bytes");
    }
    return new Command.PutSecretVersion(namespace, name, value, origin, config.clock().millis());
  }

  @Override
  public Optional<SecretVersion> readSecretVersion(String namespace, String name, long version) {
    Names.check(namespace, name);
    if (version < 1) {
      throw new InvalidRequestException("versions start at 1");
    }
    return QueryCodec.readSecret(read(new Query.ReadSecret(namespace, name, version)));
  }

  @Override
  public Optional<SecretVersion> readLatestSecretVersion(String namespace, String name) {
    Names.check(namespace, name);
    return QueryCodec.readSecret(read(new Query.ReadSecret(namespace, name, 0)));
  }

  @Override
  public List<SecretMetadata> listSecrets(String namespace) {
    Names.check(namespace, "-");
    return QueryCodec.readList(read(new Query.ListSecrets(namespace, List.of())));
  }

  @Override
  public List<SecretMetadata> readSecretMetadata(String namespace, Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return QueryCodec.readList(read(new Query.ListSecrets(namespace, List.copyOf(names))));
  }

  @Override
  public boolean deleteSecret(String namespace, String name) {
    Names.check(namespace, name);
    return write(new Command.DeleteSecret(namespace, name, true)) == 1;
  }

  @Override
  public long recordGrantRevision(
      String namespace, String service, String serviceUid, List<Grant> grants, int retain) {
    Names.check(namespace, service);
    if (retain < 0) {
      throw new InvalidRequestException("retain is 0 (every revision) or positive");
    }
    long revision =
        write(
            new Command.RecordGrantRevision(
                namespace, service, serviceUid, grants, config.clock().millis(), retain));
    if (revision == StoreState.MISSING_VERSION) {
      throw new InvalidRequestException(
          "a grant names a secret version the store does not hold (superseded or deleted);"
              + " resolve the grants again");
    }
    return revision;
  }

  @Override
  public Optional<GrantRevision> readGrantRevision(
      String namespace, String service, long revision) {
    Names.check(namespace, service);
    checkRevision(revision);
    return QueryCodec.readGrants(read(new Query.ReadGrants(namespace, service, revision)));
  }

  @Override
  public Optional<GrantedSecrets> readGrantedSecrets(
      String namespace, String service, long revision) {
    Names.check(namespace, service);
    checkRevision(revision);
    return QueryCodec.readGrantedSecrets(
        read(new Query.ReadGrantedSecrets(namespace, service, revision)));
  }

  @Override
  public boolean forgetService(String namespace, String service, long expectedLatest) {
    Names.check(namespace, service);
    checkRevision(expectedLatest);
    return write(new Command.ForgetService(namespace, service, expectedLatest)) == 1;
  }

  @Override
  public List<StoredService> listServices() {
    return QueryCodec.readServices(read(new Query.ListServices()));
  }

  private static void checkRevision(long revision) {
    if (revision < 1) {
      throw new InvalidRequestException("revisions start at 1");
    }
  }

  @Override
  public Optional<GrantRevision> readLatestGrantRevision(String namespace, String service) {
    Names.check(namespace, service);
    return QueryCodec.readGrants(read(new Query.ReadGrants(namespace, service, 0)));
  }

  @Override
  public long putKeyMaterial(String name, byte[] material) {
    Names.check("-", name);
    if (material.length < 1 || material.length > CommandCodec.MAX_KEY_MATERIAL_BYTES) {
      throw new InvalidRequestException("key material is 1 byte to 1 MiB");
    }
    return write(new Command.PutKeyMaterial(name, material, config.clock().millis()));
  }

  @Override
  public long putKeyMaterialIfLatest(String name, long expectedLatest, byte[] material) {
    Names.check("-", name);
    if (material.length < 1 || material.length > CommandCodec.MAX_KEY_MATERIAL_BYTES) {
      throw new InvalidRequestException("key material is 1 byte to 1 MiB");
    }
    if (expectedLatest < 0) {
      throw new InvalidRequestException("the expected version is 0 (none yet) or more");
    }
    return write(
        new Command.PutKeyMaterial(name, material, config.clock().millis(), expectedLatest));
  }

  @Override
  public Optional<KeyMaterial> readKeyMaterial(String name) {
    Names.check("-", name);
    return QueryCodec.readKeyMaterial(read(new Query.ReadKeyMaterial(name, 0)));
  }

  private long write(Command command) {
    try {
      return writeAsync(command).join();
    } catch (CompletionException e) {
      throw typed(e.getCause() == null ? e : e.getCause(), "the write failed");
    }
  }

  private CompletableFuture<Long> writeAsync(Command command) {
    int size = command instanceof Command.PutSecretVersion p ? p.value().length + 64 : 256;
    if (command instanceof Command.PutKeyMaterial k) {
      size = k.material().length + 64;
    }
    return running().batcher().submit(command, size);
  }

  /** Proposes one batch (a lone command goes as itself) and maps the reply to its results. */
  private CompletableFuture<long[]> sendBatch(Running r, List<Command> commands) {
    Command command = commands.size() == 1 ? commands.get(0) : new Command.Batch(commands);
    byte[] entry = entry(command);
    return r.client()
        .async()
        .send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .handle(
            (reply, failure) -> {
              if (failure != null) {
                throw typed(failure, "the write was not acknowledged by a majority");
              }
              byte[] content = content(checked(reply));
              return commands.size() == 1
                  ? new long[] {QueryCodec.readResult(content)}
                  : QueryCodec.readResults(content, commands.size());
            });
  }

  private byte[] entry(Command command) {
    byte[] plain = CommandCodec.encode(command);
    if (!config.encrypted()) {
      return Envelope.plain(plain);
    }
    try {
      DataKey key =
          running()
              .machine()
              .keys()
              .keyring()
              .current()
              .orElseThrow(() -> new StoreUnavailableException("no data key yet"));
      return Envelope.seal(plain, key, context, config.random());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private RaftClientReply send(Running r, byte[] entry) {
    try {
      return checked(r.client().io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry))));
    } catch (IOException e) {
      throw typed(e, "the write was not acknowledged by a majority");
    }
  }

  /** A linearizable read, served by this process's own peer when it can, else by the client. */
  private byte[] read(Query query) {
    Running r = running();
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(QueryCodec.encode(query)));
    // A peer whose state machine has stopped (a tampered entry, a wrong key) reads from the leader.
    Optional<RaftClientReply> local =
        r.machine().failure() == null ? r.localReads().read(message) : Optional.empty();
    if (local.isPresent()) {
      return content(checked(local.get()));
    }
    try {
      return content(checked(r.client().io().sendReadOnly(message)));
    } catch (IOException e) {
      throw typed(e, "the linearizable read did not complete");
    }
  }

  private static RaftClientReply checked(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      throw typed(reply.getException(), "the request failed");
    }
    return reply;
  }

  private static byte[] content(RaftClientReply reply) {
    return reply.getMessage().getContent().toByteArray();
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new StoreLockedException(
          "the store is locked: unlock it with the key-encryption key (strongroom unlock)");
    }
    return r;
  }

  /** Maps Ratis and I/O failures onto the store's typed exceptions; messages hold no values. */
  static StoreException typed(Throwable e, String what) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreException s) {
        return s;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ChecksumException) {
        return new StoreCorruptedException(
            "a Raft log segment failed its checksum: tampered or damaged on disk", e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StateMachineException) {
        return new InvalidRequestException(what + ": " + t.getMessage(), e);
      }
    }
    Throwable root = e;
    while ((root instanceof CompletionException || root instanceof ExecutionException)
        && root.getCause() != null) {
      root = root.getCause();
    }
    return new StoreUnavailableException(
        what + ": " + (root == null ? "unknown" : root.getClass().getSimpleName()), e);
  }

  /** This peer's state machine, for tests in this package. */
  StoreStateMachine stateMachine() {
    return running().machine();
  }

  /** This peer's Raft server, for tests in this package. */
  RaftServer server() {
    return running().server();
  }

  @Override
  public StoreHealth health() {
    Running r = running;
    if (r == null) {
      return StoreHealth.lockedStore();
    }
    try {
      DivisionInfo info = r.server().getDivision(group.getGroupId()).getInfo();
      long committed =
          r.server().getDivision(group.getGroupId()).getRaftLog().getLastCommittedIndex();
      return new StoreHealth(
          false,
          info.getLeaderId() != null,
          info.isLeader(),
          info.getLastAppliedIndex() >= committed);
    } catch (IOException e) {
      return new StoreHealth(false, false, false, false);
    }
  }

  @Override
  public StoreSize size() {
    Running r = running;
    return r == null ? StoreSize.EMPTY : r.machine().size();
  }

  /** This peer's data directory. */
  public Path dataDir() {
    return config.dataDir();
  }

  @Override
  public synchronized void close() {
    Running r = running;
    running = null;
    if (r == null) {
      return;
    }
    IOException failure = null;
    for (RaftClient client : r.clients()) {
      try {
        client.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    try {
      r.server().close();
    } catch (IOException e) {
      failure = e;
    }
    r.completions().shutdown();
    r.machine().keys().destroy();
    if (failure != null) {
      throw new StoreUnavailableException("the peer did not close cleanly", failure);
    }
  }

  private static void closeQuietly(RaftServer server, Exception cause) {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
