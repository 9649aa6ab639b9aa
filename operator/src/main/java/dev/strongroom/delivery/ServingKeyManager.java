package dev.strongroom.delivery;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves the current serving certificate; {@link #use} swaps it for new handshakes without
 * restarting the server.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "strongroom-delivery";
  private static final Set<String> EC_P256_KEY_TYPES = Set.of("EC", "EC/secp256r1", "ECDHE_ECDSA");

  private record Credentials(PrivateKey key, X509Certificate[] chain) {}

  private volatile Credentials current;

  void use(PrivateKey key, X509Certificate[] chain) {
    current = new Credentials(key, chain.clone());
  }

  /** The serving certificate in use, or null before the first {@link #use}. */
  X509Certificate certificate() {
    Credentials c = current;
    return c == null ? null : c.chain()[0];
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return matches(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return matches(keyType) ? ALIAS : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return matches(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Credentials c = current;
    return ALIAS.equals(alias) && c != null ? c.chain().clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Credentials c = current;
    return ALIAS.equals(alias) && c != null ? c.key() : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  /**
   * The JDK's JSSE asks for a key by its algorithm ("EC"); Bouncy Castle's JSSE by algorithm and
   * curve in TLS 1.3 ("EC/secp256r1") and by authentication type in TLS 1.2 ("ECDHE_ECDSA"). The
   * serving keys are P-256 ({@link Certificates#newKeyPair}).
   */
  private boolean matches(String keyType) {
    Credentials c = current;
    return c != null && c.key().getAlgorithm().equals("EC") && EC_P256_KEY_TYPES.contains(keyType);
  }
}
