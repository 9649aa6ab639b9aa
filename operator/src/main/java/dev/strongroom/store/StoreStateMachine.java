package dev.strongroom.store;

import dev.strongroom.crypto.DataKey;
import java.io.File;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis state machine: a thin shell over {@link StoreState}. Entries arrive encrypted; they are
 * checked in {@link #startTransaction}, decrypted and applied in log order. An entry that cannot be
 * opened halts the machine (nothing after it is applied, reads fail with the typed cause, snapshots
 * are refused), so corruption never silently drops data.
 */
final class StoreStateMachine extends BaseStateMachine {
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final KeyState keys;
  private final KeyringFile keyringFile;
  private final byte[] context;
  private final boolean allowPlaintext;
  private final SecureRandom random;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Condition applied = lock.writeLock().newCondition();

  private StoreState state = new StoreState();
  private volatile StoreException halted;
  private volatile long installedSnapshotIndex = -1;
  private volatile long loadedSnapshotIndex = -1;

  StoreStateMachine(
      KeyState keys,
      KeyringFile keyringFile,
      byte[] context,
      boolean allowPlaintext,
      SecureRandom random) {
    this.keys = keys;
    this.keyringFile = keyringFile;
    this.context = context.clone();
    this.allowPlaintext = allowPlaintext;
    this.random = random;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(() -> load(storage.getLatestSnapshot()), IOException.class);
  }

  @Override
  public void pause() {
    // Ratis pauses the machine before installing a snapshot and reinitializes it afterwards.
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  @Override
  public void reinitialize() throws IOException {
    getLifeCycle()
        .startAndTransition(
            () -> {
              SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
              load(snapshot);
              if (snapshot != null) {
                installedSnapshotIndex = snapshot.getIndex();
              }
            },
            IOException.class);
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    long term = snapshot.getTerm();
    long index = snapshot.getIndex();
    StoreState loaded;
    try {
      loaded = SnapshotFile.read(snapshot.getFile().getPath(), term, index, keys, context);
    } catch (WrongKeyException | StoreCorruptedException e) {
      halted = e;
      throw e;
    }
    lock.writeLock().lock();
    try {
      state.destroy();
      state = loaded;
      setLastAppliedTermIndex(TermIndex.valueOf(term, index));
      loadedSnapshotIndex = index;
    } finally {
      lock.writeLock().unlock();
    }
    keyringFile.write(keys.keyring(), keys.currentKek(), random);
  }

  @Override
  public long takeSnapshot() throws IOException {
    StoreException failure = halted;
    if (failure != null) {
      throw new IOException("refusing to snapshot a halted store", failure);
    }
    TermIndex last;
    byte[] plain;
    lock.readLock().lock();
    try {
      last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return -1;
      }
      plain = SnapshotFile.encodeState(state);
    } finally {
      lock.readLock().unlock();
    }
    // Sealing and fsync happen outside the lock, so writes keep being applied meanwhile.
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    SnapshotFile.write(
        file.toPath(), last.getTerm(), last.getIndex(), plain, keys, context, random);
    FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, last));
    return last.getIndex();
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    byte[] entry = request.getMessage().getContent().toByteArray();
    try {
      validate(entry);
    } catch (StoreException e) {
      throw new IOException("refused: " + e.getMessage(), e);
    }
    return super.startTransaction(request);
  }

  /** Checks an entry before it enters the log: known format, and authentic if its key is held. */
  private void validate(byte[] entry) {
    int kind = Envelope.kind(entry);
    if (kind == Envelope.PLAIN) {
      if (!allowPlaintext) {
        throw new StoreCorruptedException("plaintext entries are refused by an encrypted store");
      }
      CommandCodec.wipe(CommandCodec.decode(Envelope.plainCommand(entry)));
    } else if (kind == Envelope.KEYRING) {
      Envelope.openKeyring(entry);
    } else {
      // A key proposed moments ago may not be applied here yet; apply checks it in log order.
      DataKey key = keys.keyring().get(Envelope.dataKeyId(entry)).orElse(null);
      if (key != null) {
        byte[] plain = Envelope.open(entry, key, context);
        try {
          CommandCodec.wipe(CommandCodec.decode(plain));
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
      }
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    byte[] reply;
    lock.writeLock().lock();
    try {
      reply = apply(entry.getStateMachineLogEntry().getLogData().toByteArray());
      if (halted == null) {
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
      }
      applied.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
  }

  private byte[] apply(byte[] entry) {
    StoreException failure = halted;
    if (failure != null) {
      return QueryCodec.failure(statusOf(failure), failure.getMessage());
    }
    try {
      int kind = Envelope.kind(entry);
      if (kind == Envelope.KEYRING) {
        if (!keys.absorb(Envelope.openKeyring(entry), context)) {
          return QueryCodec.failure(QueryCodec.REJECTED, "data key id already taken");
        }
        keyringFile.write(keys.keyring(), keys.currentKek(), random);
        return QueryCodec.result(keys.keyring().currentId());
      }
      byte[] plain;
      if (kind == Envelope.PLAIN) {
        if (!allowPlaintext) {
          throw new StoreCorruptedException("a plaintext entry reached an encrypted store");
        }
        plain = Envelope.plainCommand(entry);
      } else {
        int keyId = Envelope.dataKeyId(entry);
        DataKey key =
            keys.keyring()
                .get(keyId)
                .orElseThrow(
                    () ->
                        new WrongKeyException(
                            "a log entry uses data key "
                                + keyId
                                + ", which is not in the keyring"));
        plain = Envelope.open(entry, key, context);
      }
      try {
        Command command = CommandCodec.decode(plain);
        if (command instanceof Command.Batch batch) {
          long[] results = new long[batch.commands().size()];
          for (int i = 0; i < results.length; i++) {
            results[i] = state.apply(batch.commands().get(i));
          }
          return QueryCodec.results(results);
        }
        return QueryCodec.result(state.apply(command));
      } catch (MalformedMessageException e) {
        throw new StoreCorruptedException("an authentic log entry holds a malformed command", e);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (WrongKeyException | StoreCorruptedException e) {
      halted = e;
      return QueryCodec.failure(statusOf(e), e.getMessage());
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    StoreException failure = halted;
    if (failure != null) {
      return reply(QueryCodec.failure(statusOf(failure), failure.getMessage()));
    }
    Query query;
    try {
      query = QueryCodec.decode(request.getContent().toByteArray());
    } catch (MalformedMessageException e) {
      return reply(QueryCodec.failure(QueryCodec.REJECTED, e.getMessage()));
    }
    lock.readLock().lock();
    try {
      return reply(QueryCodec.answer(query, state, keys.keyring().currentId()));
    } finally {
      lock.readLock().unlock();
    }
  }

  private static CompletableFuture<Message> reply(byte[] bytes) {
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(bytes)));
  }

  private static int statusOf(StoreException e) {
    return e instanceof WrongKeyException ? QueryCodec.WRONG_KEY : QueryCodec.CORRUPTED;
  }

  /** What this peer's state holds now. */
  StoreSize size() {
    lock.readLock().lock();
    try {
      return state.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Waits until this peer has applied {@code index}; false on timeout. */
  boolean awaitApplied(long index, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.writeLock().lock();
    try {
      while (lastAppliedIndex() < index && halted == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        applied.awaitNanos(left);
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  long lastAppliedIndex() {
    TermIndex last = getLastAppliedTermIndex();
    return last == null ? -1 : last.getIndex();
  }

  KeyState keys() {
    return keys;
  }

  /** The failure that halted this machine, or null. */
  StoreException failure() {
    return halted;
  }

  /** The index of the last snapshot installed from the leader, -1 when none. */
  long installedSnapshotIndex() {
    return installedSnapshotIndex;
  }

  /** The index of the last snapshot loaded at start or install, -1 when none. */
  long loadedSnapshotIndex() {
    return loadedSnapshotIndex;
  }

  @Override
  public void close() throws IOException {
    super.close();
    lock.writeLock().lock();
    try {
      state.destroy();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
