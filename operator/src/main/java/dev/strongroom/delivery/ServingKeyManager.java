package dev.strongroom.delivery;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves the current serving certificate; {@link #use} swaps it for new handshakes without
 * restarting the server.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS_PREFIX = "strongroom-delivery-";
  private static final Set<String> EC_P256_KEY_TYPES = Set.of("EC", "EC/secp256r1", "ECDHE_ECDSA");

  /**
   * One generation of key and chain. Each has its own alias, and the previous generation stays
   * reachable by its alias: a handshake reads the chain and the key in separate calls, and one that
   * chose its alias just before a swap must get the pair it chose.
   */
  record Credentials(String alias, PrivateKey key, X509Certificate[] chain) {}

  private volatile Credentials current;
  private volatile Credentials previous;
  private int generation;

  synchronized void use(PrivateKey key, X509Certificate[] chain) {
    previous = current;
    current = new Credentials(ALIAS_PREFIX + generation++, key, chain.clone());
  }

  /** The serving certificate in use, or null before the first {@link #use}. */
  X509Certificate certificate() {
    Credentials c = current;
    return c == null ? null : c.chain()[0];
  }

  /**
   * The key and chain in use, or null before the first {@link #use}; a new object for each {@link
   * #use}, so identity tells a generation from the next. The chain is the manager's own: read it.
   */
  Credentials current() {
    return current;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Credentials c = byAlias(alias);
    return c == null ? null : c.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Credentials c = byAlias(alias);
    return c == null ? null : c.key();
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
   * The current alias if its key serves {@code keyType}. The JDK's JSSE asks for a key by its
   * algorithm ("EC"); Bouncy Castle's JSSE by algorithm and curve in TLS 1.3 ("EC/secp256r1") and
   * by authentication type in TLS 1.2 ("ECDHE_ECDSA"). Serving keys are P-256 ({@link
   * Certificates#newKeyPair}).
   */
  private String aliasFor(String keyType) {
    Credentials c = current;
    return c != null && c.key().getAlgorithm().equals("EC") && EC_P256_KEY_TYPES.contains(keyType)
        ? c.alias()
        : null;
  }

  private Credentials byAlias(String alias) {
    return Stream.of(current, previous)
        .filter(c -> c != null && c.alias().equals(alias))
        .findFirst()
        .orElse(null);
  }
}
