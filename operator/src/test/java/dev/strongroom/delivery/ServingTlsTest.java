package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import javax.net.ssl.SSLException;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServingTlsTest {
  @Test
  void boringSslLoadsOnThePlatformsTheImageRuns() {
    // Linux x86_64 here; the jar also carries it for aarch64. Without it the endpoint falls back
    // to Bouncy Castle's JSSE at several times the CPU per handshake: a regression to notice.
    assertThat(ServingTls.Engine.available())
        .as(() -> "BoringSSL did not load: " + OpenSsl.unavailabilityCause())
        .isEqualTo(ServingTls.Engine.BORINGSSL);
  }

  @ParameterizedTest
  @EnumSource(ServingTls.Engine.class)
  void noEndpointStartsWithoutAServingCertificate(ServingTls.Engine engine) {
    assertThatThrownBy(() -> ServingTls.of(engine, new ServingKeyManager(), new SecureRandom()))
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("no serving certificate");
  }
}
