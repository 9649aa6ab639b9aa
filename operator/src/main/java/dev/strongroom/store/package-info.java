/**
 * The encrypted Raft store: Strongroom's source of truth for secret versions, grant revisions and
 * the operator's own key material, on Apache Ratis.
 *
 * <p>Callers use {@link dev.strongroom.store.SecretStore} and never see Ratis. {@link
 * dev.strongroom.store.RaftSecretStore} is one peer plus its clients; {@link
 * dev.strongroom.store.StoreStateMachine} is a thin Ratis state machine over the plain domain
 * object {@link dev.strongroom.store.StoreState}.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Writes return after a majority of peers has fsynced the entry (Ratis' default flush, no
 *       unsafe flush) and the leader applied it. Reads use Ratis' LINEARIZABLE read option (read
 *       index), so what decides a pod's secrets is never stale; {@code LocalReads} hands them to
 *       this process's own peer (a follower gets the read index from the leader and answers once it
 *       has applied that far) and the client takes over when that peer cannot answer. Ratis answers
 *       a one-peer group's read index at once, even before a restarted leader has committed in its
 *       new term (its multi-peer path waits for that), so a one-peer store's unlock returns only
 *       once its leader is ready: the whole log is committed by then.
 *   <li>The log holds no commit-index metadata entries (Ratis' {@code log-metadata}): they cost a
 *       second fsync and replication round per write, and what they buy, applying entries on a peer
 *       restarted without a majority, this store does not use (it serves nothing without a leader).
 *   <li>Version and revision numbers are assigned by the state machine in log order and never
 *       reused, even after a delete.
 *   <li>A secret keeps its newest version and every version a grant revision names; one superseded
 *       before any grant named it is wiped and dropped as the next is applied, and a grant revision
 *       naming a version the store does not hold is refused (see {@code StoreState}).
 * </ul>
 *
 * <h2>What reaches the disk</h2>
 *
 * <p>Every command is encoded in an explicit, versioned binary format ({@code CommandCodec}:
 * version byte, tag byte, length-prefixed fields) and then sealed with AES-256-GCM (JDK provider,
 * random 96-bit nonce) under the current <em>data key</em> before it is proposed ({@code
 * Envelope}). A log entry is {@code version, kind, dataKeyId, nonce, ciphertext+tag}: no value,
 * secret name, service name or namespace. Snapshots ({@code SnapshotFile}) hold the keyring sealed
 * under the KEK and the whole state sealed under the current data key, with the snapshot's term and
 * index in the associated data. The local {@code keyring.bin} holds the keyring sealed under the
 * KEK. Ratis' own metadata holds terms, votes and peer addresses only.
 *
 * <p><b>Associated data.</b> The Raft log index is not known before an entry is proposed, so it
 * cannot be authenticated. The AAD is the 6-byte entry header (format version, kind, data-key id)
 * plus a store context (a label and the Raft group id): an entry cannot be moved to another store
 * or re-labelled with another key id, and any changed byte fails the tag. Position within the log
 * is protected by Raft itself and Ratis' per-entry CRC, not cryptographically: someone who can
 * write the data directory could replay an old, authentic command (for instance re-add an older
 * value as a new version). Snapshots do bind term and index.
 *
 * <p><b>Keyring and keys.</b> Data keys live in a keyring replicated through the log as KEYRING
 * entries: the keys sealed under the key-encryption key (KEK, 32 bytes from a file, e.g. a mounted
 * Kubernetes Secret), with the KEK's public fingerprint and the key ids in clear so a peer can tell
 * "wrong key" from "tampered". {@link dev.strongroom.store.SecretStore#rotateDataKey()} proposes a
 * new key that becomes current; old keys stay for old entries. {@link
 * dev.strongroom.store.SecretStore#rotateKeyEncryptionKey} proposes the whole keyring sealed under
 * the new KEK plus the new KEK sealed under the old one (a chain), so running peers that only hold
 * the old KEK switch without a restart; each peer rewrites its {@code keyring.bin} under the new
 * KEK and the leader takes a snapshot. After a rotation peers unlock with the new KEK only; older
 * KEYRING entries they cannot open are accepted when {@code keyring.bin} already holds all their
 * key ids.
 *
 * <p><b>Locked mode.</b> A store starts locked: no Raft server runs and every call throws {@link
 * dev.strongroom.store.StoreLockedException} until {@link dev.strongroom.store.SecretStore#unlock}
 * (Swarm's autolock). Unlock checks the KEK against {@code keyring.bin} (typed {@link
 * dev.strongroom.store.WrongKeyException}) before starting the peer.
 *
 * <p><b>Failures are refused, never skipped.</b> An entry or snapshot that does not authenticate
 * ({@link dev.strongroom.store.StoreCorruptedException}) or needs a key the peer does not hold
 * ({@link dev.strongroom.store.WrongKeyException}) halts the state machine: nothing after it is
 * applied, reads and writes fail with that error, and snapshots are refused so the log behind the
 * failure is never purged. A segment whose Ratis checksum fails stops the peer at start with {@link
 * dev.strongroom.store.StoreCorruptedException}.
 *
 * <h2>Peer authentication: mutual TLS from files</h2>
 *
 * <p>With more than one peer, Raft traffic (and the store's own client traffic) uses gRPC with
 * mutual TLS; a configuration of several peers without TLS files is refused. The certificates
 * cannot come from the store (it is not up yet), so they come from three PEM files given to every
 * peer: its certificate, its PKCS#8 key and the peer CA ({@link
 * dev.strongroom.store.PeerTlsFiles}). In Kubernetes these are a Secret mounted into the
 * StatefulSet; {@link dev.strongroom.crypto.PeerCertificates} issues them (the deployment or an
 * init step runs it once). Deriving a CA from the KEK was rejected: a KEK rotation would change the
 * peers' identities mid-flight, and a locked peer (no KEK yet) could not even join to be told it is
 * locked. A peer whose certificate is not signed by the peer CA cannot join (PeerTlsTest).
 *
 * <h2>Throughput</h2>
 *
 * <p>Writes go through a small group commit ({@code WriteBatcher}): a lone write is proposed at
 * once; writes that arrive while a batch is in flight (the depth is {@code
 * StoreTuning.batchesInFlight}, default 1) are proposed together as one BATCH command (one
 * encryption, one fsync per peer, one replication round), each caller still getting its own version
 * number. When a batch of concurrent writes completes, the next one waits up to {@code
 * StoreTuning.batchRefill} (300 µs) for as many writes as just completed or are queued, since their
 * callers usually write again at once: sending the first alone would make the rest wait a whole
 * round (PostgreSQL's {@code commit_delay}; a lone writer never waits). Reads are not batched. The
 * Raft client is asynchronous and pipelined; completions run on the store's own thread because
 * Ratis completes replies under its client lock. Measure with {@code strongroom bench store}.
 *
 * <h2>Transport</h2>
 *
 * <p>gRPC. Ratis 3.3's Netty transport has no TLS for Raft RPCs (only for DataStream), so it cannot
 * meet the mutual-TLS requirement; measured without TLS it was not faster either (see the benchmark
 * figures in the issue note: {@code strongroom bench store --transport netty}).
 */
package dev.strongroom.store;
