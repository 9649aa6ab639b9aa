package dev.strongroom.store;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A peer's keys: the key-encryption keys it holds and the replicated keyring of data keys. Only the
 * apply thread changes it; other threads read the volatile snapshot.
 */
final class KeyState {
  private final Map<Long, KeyEncryptionKey> keks = new ConcurrentHashMap<>();
  private volatile KeyEncryptionKey currentKek;
  private volatile Keyring keyring = Keyring.empty();

  /** Holds a copy of {@code kek}: the caller keeps (and may close) its own. */
  KeyState(KeyEncryptionKey kek) {
    KeyEncryptionKey own = copy(kek);
    keks.put(own.id(), own);
    currentKek = own;
  }

  private static KeyEncryptionKey copy(KeyEncryptionKey kek) {
    byte[] bytes = kek.exportBytes();
    try {
      return KeyEncryptionKey.of(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  KeyEncryptionKey currentKek() {
    return currentKek;
  }

  Keyring keyring() {
    return keyring;
  }

  void replaceKeyring(Keyring next) {
    keyring = next;
  }

  /**
   * Merges a sealed keyring from the log or a snapshot. A keyring sealed under a KEK this peer
   * lacks is accepted only when every key it lists is already held (for instance from the local
   * keyring file after a KEK rotation); otherwise the peer holds the wrong key.
   *
   * @return false when the keyring conflicts with the held one (a key id reused), so it is refused
   */
  boolean absorb(WrappedKeyring wrapped, byte[] context) {
    KeyEncryptionKey kek = keks.get(wrapped.kekId());
    if (kek == null && wrapped.chain().length > 0) {
      KeyEncryptionKey previous = keks.get(wrapped.chainKekId());
      if (previous != null) {
        kek = wrapped.openChain(previous);
        keks.put(kek.id(), kek);
      }
    }
    if (kek == null) {
      boolean allKnown = Arrays.stream(wrapped.ids()).allMatch(keyring.ids()::contains);
      if (!allKnown) {
        throw new WrongKeyException(
            "data keys are sealed under a key-encryption key this peer does not hold");
      }
      if (wrapped.currentId() != 0) {
        keyring = keyring.withCurrentId(wrapped.currentId());
      }
      return true;
    }
    Keyring opened = wrapped.open(kek, context);
    try {
      keyring = keyring.merge(opened);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (wrapped.chain().length > 0) {
      currentKek = kek;
    }
    return true;
  }

  /** Adds a KEK this peer now holds (a KEK rotation started here). */
  void addKek(KeyEncryptionKey kek) {
    keks.computeIfAbsent(kek.id(), id -> copy(kek));
  }

  void destroy() {
    keks.values().forEach(KeyEncryptionKey::close);
    for (var key : keyring.keys()) {
      key.destroy();
    }
  }
}
