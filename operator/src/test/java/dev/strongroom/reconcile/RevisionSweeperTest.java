package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.Grant;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.RaftSecretStore;
import dev.strongroom.store.StoreConfig;
import dev.strongroom.store.StoreTuning;
import dev.strongroom.store.StoredService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweeper's decisions against a real one-peer store; which services exist is given. */
class RevisionSweeperTest {
  @TempDir Path dir;
  private RaftSecretStore store;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void store() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    SecureRandom random = new SecureRandom();
    store =
        new RaftSecretStore(
            new StoreConfig(
                "s0",
                List.of(new PeerAddress("s0", "127.0.0.1", port)),
                dir,
                null,
                false,
                true,
                StoreConfig.Transport.GRPC,
                StoreTuning.forTests(),
                Clock.systemUTC(),
                random));
    try (KeyEncryptionKey kek = KeyEncryptionKey.generate(random)) {
      store.unlock(kek);
    }
    store.putSecretVersion("shop", "pw", new byte[] {1});
  }

  @AfterEach
  void close() {
    store.close();
  }

  private RevisionSweeper sweeper(Supplier<Set<String>> existing) {
    return new RevisionSweeper(
        store, existing, new StrongroomMetrics(registry), Duration.ofMinutes(10));
  }

  private void record(String namespace, String service) {
    store.recordGrantRevision(
        namespace,
        service,
        service + "-uid",
        List.of(new Grant("pw", 1, "pw", "0", "0", 0400)),
        10);
  }

  @Test
  void forgetsTheServicesThatNoLongerExist() {
    record("shop", "web");
    record("shop", "web");
    record("shop", "api");
    store.recordGrantRevision("other", "web", "other-web-uid", List.of(), 10);

    int forgotten = sweeper(() -> Set.of("shop/api")).sweep();

    assertThat(forgotten).isEqualTo(2);
    assertThat(store.listServices()).containsExactly(new StoredService("shop", "api", 1, 1, 1));
    assertThat(registry.get("strongroom.services.forgotten").counter().count()).isEqualTo(2);
    assertThat(sweeper(() -> Set.of("shop/api")).sweep()).as("nothing left to forget").isZero();
  }

  @Test
  void aServiceCreatedAgainAndReconciledWhileTheSweepListedKeepsItsRevisions() {
    record("shop", "web");

    // The list misses web, but before the sweep forgets it web is created again and reconciled:
    // with the same grants, yet under a new UID, so it records revision 2.
    int forgotten =
        sweeper(
                () -> {
                  store.recordGrantRevision(
                      "shop",
                      "web",
                      "new-web-uid",
                      List.of(new Grant("pw", 1, "pw", "0", "0", 0400)),
                      10);
                  return Set.of();
                })
            .sweep();

    assertThat(forgotten).isZero();
    assertThat(store.listServices()).containsExactly(new StoredService("shop", "web", 1, 2, 2));
  }

  @Test
  void anEmptyStoreListsNoServicesAtAll() {
    assertThat(
            sweeper(
                    () -> {
                      throw new AssertionError("listed the services with nothing to sweep");
                    })
                .sweep())
        .isZero();
  }
}
