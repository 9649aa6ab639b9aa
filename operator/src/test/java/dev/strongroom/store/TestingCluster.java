package dev.strongroom.store;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftGroupId;
import org.awaitility.Awaitility;

/** An in-process cluster of store peers on loopback with mutual TLS and real fsync. */
final class TestingCluster implements AutoCloseable {
  final Path root;
  final List<PeerAddress> peers;
  final PeerTlsFiles tls;
  final StoreTuning tuning;
  final SecureRandom random;
  private final Map<String, RaftSecretStore> stores = new LinkedHashMap<>();
  KeyEncryptionKey kek;

  private TestingCluster(Path root, int size, StoreTuning tuning, long seed) throws IOException {
    this.root = root;
    this.tuning = tuning;
    this.random = seeded(seed);
    this.peers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      peers.add(new PeerAddress("p" + i, "127.0.0.1", freePort()));
    }
    PeerCertificates.Files files =
        PeerCertificates.issue(
            root.resolve("tls"),
            List.of("127.0.0.1", "localhost"),
            "test",
            Duration.ofDays(1),
            Clock.systemUTC(),
            random);
    this.tls = new PeerTlsFiles(files.certificate(), files.privateKey(), files.trustedCa());
    this.kek = KeyEncryptionKey.generate(random);
  }

  /** Starts {@code size} unlocked peers and waits for a leader. */
  static TestingCluster start(Path root, int size, StoreTuning tuning) throws IOException {
    TestingCluster cluster = new TestingCluster(root, size, tuning, 42);
    cluster.peers.parallelStream().forEach(p -> cluster.startPeer(p.id()));
    cluster.awaitLeader();
    return cluster;
  }

  /** Starts only the named peers of a {@code size}-peer group (a majority, so it elects). */
  static TestingCluster startSome(Path root, int size, StoreTuning tuning, List<String> ids)
      throws IOException {
    TestingCluster cluster = new TestingCluster(root, size, tuning, 42);
    ids.parallelStream().forEach(cluster::startPeer);
    cluster.awaitLeader();
    return cluster;
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  StoreConfig config(String id) {
    return new StoreConfig(
        id,
        peers,
        dataDir(id),
        tls,
        false,
        true,
        StoreConfig.Transport.GRPC,
        tuning,
        Clock.systemUTC(),
        new SecureRandom());
  }

  Path dataDir(String id) {
    return root.resolve(id);
  }

  /** A locked peer (not yet started). */
  RaftSecretStore lockedPeer(String id) {
    RaftSecretStore store = new RaftSecretStore(config(id));
    synchronized (stores) {
      stores.put(id, store);
    }
    return store;
  }

  RaftSecretStore startPeer(String id) {
    RaftSecretStore store = lockedPeer(id);
    store.unlock(kek);
    return store;
  }

  void stopPeer(String id) {
    RaftSecretStore store;
    synchronized (stores) {
      store = stores.remove(id);
    }
    if (store != null) {
      store.close();
    }
  }

  void wipePeer(String id) throws IOException {
    stopPeer(id);
    try (Stream<Path> files = Files.walk(dataDir(id))) {
      files.sorted(Comparator.reverseOrder()).forEach(TestingCluster::delete);
    }
  }

  RaftSecretStore peer(String id) {
    synchronized (stores) {
      return stores.get(id);
    }
  }

  List<RaftSecretStore> running() {
    synchronized (stores) {
      return List.copyOf(stores.values());
    }
  }

  List<String> ids() {
    return peers.stream().map(PeerAddress::id).toList();
  }

  String awaitLeader() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(this::leaderId, id -> id != null);
  }

  String leaderId() {
    for (Map.Entry<String, RaftSecretStore> e : snapshotOfStores().entrySet()) {
      try {
        RaftGroupId group = e.getValue().server().getGroupIds().iterator().next();
        if (e.getValue().server().getDivision(group).getInfo().isLeaderReady()) {
          return e.getKey();
        }
      } catch (IOException | RuntimeException ignored) {
        // A peer that is stopping or locked is not the leader.
      }
    }
    return null;
  }

  private Map<String, RaftSecretStore> snapshotOfStores() {
    synchronized (stores) {
      return new LinkedHashMap<>(stores);
    }
  }

  @Override
  public void close() {
    for (String id : ids()) {
      stopPeer(id);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The regular files under {@code root} whose names start with {@code prefix}, sorted. */
  static List<Path> files(Path root, String prefix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .sorted()
          .toList();
    }
  }
}
