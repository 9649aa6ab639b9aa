package dev.strongroom.delivery;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.SSLException;
import org.apache.ratis.thirdparty.io.netty.buffer.ByteBufAllocator;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.ApplicationProtocolConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.ClientAuth;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkSslContext;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.OpenSsl;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContext;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContextBuilder;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslHandler;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery endpoint's TLS for the serving credentials in use. On BoringSSL (Netty's OpenSSL
 * engine, from the Netty that Ratis ships with its native library) where that library loads: every
 * agent makes a new handshake, and BoringSSL's cost the server a fraction of Java's (README,
 * "Secret delivery"). A BoringSSL context holds one key and chain, so one is built for each
 * generation of {@link ServingKeyManager} credentials, on the first connection after a swap.
 * Elsewhere on Bouncy Castle's JSSE ({@link DeliveryTls}), which asks the key manager on every
 * handshake.
 */
final class ServingTls {
  private static final Logger LOG = LoggerFactory.getLogger(ServingTls.class);

  /** Which TLS implementation the endpoint's handshakes run on. */
  enum Engine {
    BORINGSSL,
    JSSE;

    /** BoringSSL if its native library loads in this process, else Bouncy Castle's JSSE. */
    static Engine available() {
      return OpenSsl.isAvailable() ? BORINGSSL : JSSE;
    }
  }

  private static final String NO_CERTIFICATE =
      "the delivery endpoint has no serving certificate yet";

  private record Generation(ServingKeyManager.Credentials credentials, SslContext context) {}

  private final ServingKeyManager keys;

  /** The one JSSE context (it asks {@link #keys} on every handshake); null on BoringSSL. */
  private final SslContext jsse;

  private volatile Generation current;

  private ServingTls(ServingKeyManager keys, SslContext jsse) {
    this.keys = keys;
    this.jsse = jsse;
  }

  /**
   * TLS over {@code engine} presenting {@code keys}' certificate; fails here rather than on the
   * first connection if it cannot serve them.
   */
  static ServingTls of(Engine engine, ServingKeyManager keys, SecureRandom random)
      throws GeneralSecurityException, SSLException {
    if (keys.current() == null) {
      throw new SSLException(NO_CERTIFICATE);
    }
    if (engine == Engine.BORINGSSL && !OpenSsl.isAvailable()) {
      throw new GeneralSecurityException(
          "BoringSSL is not available here: " + OpenSsl.unavailabilityCause());
    }
    ServingTls tls =
        new ServingTls(
            keys,
            engine == Engine.JSSE
                ? new JdkSslContext(
                    DeliveryTls.serverContext(keys, random),
                    false,
                    DeliveryTls.CIPHER_SUITES,
                    IdentityCipherSuiteFilter.INSTANCE,
                    ApplicationProtocolConfig.DISABLED,
                    ClientAuth.NONE,
                    DeliveryTls.PROTOCOLS.toArray(String[]::new),
                    false)
                : null);
    tls.context();
    return tls;
  }

  Engine engine() {
    return jsse == null ? Engine.BORINGSSL : Engine.JSSE;
  }

  /** The server side of a new connection, with the credentials in use now. */
  SslHandler newHandler(ByteBufAllocator allocator) throws SSLException {
    return context().newHandler(allocator);
  }

  private SslContext context() throws SSLException {
    if (jsse != null) {
      return jsse;
    }
    ServingKeyManager.Credentials credentials = keys.current();
    if (credentials == null) {
      throw new SSLException(NO_CERTIFICATE);
    }
    Generation generation = current;
    if (generation == null || generation.credentials() != credentials) {
      synchronized (this) {
        generation = current;
        if (generation == null || generation.credentials() != credentials) {
          generation = new Generation(credentials, boringSslOrPrevious(credentials, generation));
          current = generation;
        }
      }
    }
    return generation.context();
  }

  /**
   * The context for new credentials; if it cannot be built, the previous one (its certificate is
   * still valid: serving certificates are swapped at half their life) until the next swap, rather
   * than no TLS at all.
   */
  private static SslContext boringSslOrPrevious(
      ServingKeyManager.Credentials credentials, Generation previous) throws SSLException {
    try {
      return boringSsl(credentials);
    } catch (SSLException | RuntimeException e) {
      if (previous == null) {
        throw e;
      }
      LOG.warn(
          "cannot serve the new delivery certificate ({}); serving the previous one until the"
              + " next is issued",
          e.getClass().getName());
      return previous.context();
    }
  }

  /** TLS 1.3 or 1.2, the AEAD suites a P-256 certificate serves, no client certificate. */
  private static SslContext boringSsl(ServingKeyManager.Credentials credentials)
      throws SSLException {
    return SslContextBuilder.forServer(credentials.key(), credentials.chain())
        .sslProvider(SslProvider.OPENSSL)
        .protocols(DeliveryTls.PROTOCOLS)
        .ciphers(DeliveryTls.CIPHER_SUITES)
        .clientAuth(ClientAuth.NONE)
        .build();
  }
}
