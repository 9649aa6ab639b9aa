package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.crypto.PeerCertificates;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers authenticate each other with mutual TLS; a peer without the peer CA cannot join. */
class PeerTlsTest {
  @TempDir Path dir;

  @Test
  void aPeerWithACertificateFromAnotherCaCannotJoin() throws Exception {
    StoreTuning tuning = StoreTuning.forTests();
    TestingCluster cluster = TestingCluster.startSome(dir, 3, tuning, List.of("p0", "p1"));
    try (cluster) {
      RaftSecretStore good = cluster.peer("p0");
      good.putSecretVersion("ns", "a", new byte[] {1});

      PeerCertificates.Files other =
          PeerCertificates.issue(
              dir.resolve("other-tls"),
              List.of("127.0.0.1", "localhost"),
              "intruder",
              Duration.ofDays(1),
              Clock.systemUTC(),
              new SecureRandom());
      StoreTuning impatient = tuning.withClientRetries(Duration.ofSeconds(2), 2);
      StoreConfig intruderConfig =
          new StoreConfig(
              "p2",
              cluster.peers,
              cluster.dataDir("p2"),
              new PeerTlsFiles(other.certificate(), other.privateKey(), other.trustedCa()),
              false,
              true,
              StoreConfig.Transport.GRPC,
              impatient,
              Clock.systemUTC(),
              new SecureRandom());
      try (RaftSecretStore intruder = new RaftSecretStore(intruderConfig)) {
        assertThatThrownBy(() -> intruder.unlock(cluster.kek))
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(intruder.isLocked()).isTrue();
      }
      assertThat(cluster.dataDir("p2").resolve("keyring.bin"))
          .as("the intruder never received the keyring")
          .doesNotExist();
      good.putSecretVersion("ns", "a", new byte[] {2});
      assertThat(cluster.peer("p1").readLatestSecretVersion("ns", "a").orElseThrow().version())
          .isEqualTo(2);
    }
  }

  @Test
  void moreThanOnePeerWithoutTlsIsRefused() {
    assertThatThrownBy(
            () ->
                new StoreConfig(
                    "a",
                    PeerAddress.parseAll("a=127.0.0.1:1001,b=127.0.0.1:1002"),
                    dir,
                    null,
                    false,
                    true,
                    StoreConfig.Transport.GRPC,
                    StoreTuning.forTests(),
                    Clock.systemUTC(),
                    new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mutual TLS");
  }

  @Test
  void peerListsParse() {
    assertThat(PeerAddress.parseAll("p0=10.0.0.1:7480, p1=strongroom-1.peers:7480"))
        .containsExactly(
            new PeerAddress("p0", "10.0.0.1", 7480),
            new PeerAddress("p1", "strongroom-1.peers", 7480));
    assertThatThrownBy(() -> PeerAddress.parseAll("p0=a:1,p0=b:2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerAddress.parse("p0:1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerAddress.parse("p0=h:x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
