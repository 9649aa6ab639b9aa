package dev.strongroom.crypto;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An immutable set of data keys by id, one of them current (the one new entries use). */
public final class Keyring {
  private static final Keyring EMPTY = new Keyring(new TreeMap<>(), 0);

  private final NavigableMap<Integer, DataKey> keys;
  private final int currentId;

  private Keyring(NavigableMap<Integer, DataKey> keys, int currentId) {
    this.keys = Collections.unmodifiableNavigableMap(keys);
    this.currentId = currentId;
  }

  public static Keyring empty() {
    return EMPTY;
  }

  /** This keyring plus {@code key}, which becomes current. Ids are unique; reuse is refused. */
  public Keyring withCurrent(DataKey key) {
    DataKey existing = keys.get(key.id());
    if (existing != null && !existing.sameAs(key)) {
      throw new IllegalArgumentException("data key id " + key.id() + " is taken");
    }
    TreeMap<Integer, DataKey> next = new TreeMap<>(keys);
    next.put(key.id(), key);
    return new Keyring(next, key.id());
  }

  /** The union with {@code other}, whose current key becomes current. */
  public Keyring merge(Keyring other) {
    TreeMap<Integer, DataKey> next = new TreeMap<>(keys);
    for (DataKey k : other.keys.values()) {
      DataKey existing = next.get(k.id());
      if (existing != null && !existing.sameAs(k)) {
        throw new IllegalArgumentException("two different data keys share id " + k.id());
      }
      next.put(k.id(), k);
    }
    return new Keyring(next, other.currentId == 0 ? currentId : other.currentId);
  }

  /** This keyring with a different current key, which must be present. */
  public Keyring withCurrentId(int id) {
    if (!keys.containsKey(id)) {
      throw new IllegalArgumentException("data key " + id + " is not in the keyring");
    }
    return new Keyring(new TreeMap<>(keys), id);
  }

  public Optional<DataKey> get(int id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The current key, or empty for an empty keyring. */
  public Optional<DataKey> current() {
    return get(currentId);
  }

  public int currentId() {
    return currentId;
  }

  public Set<Integer> ids() {
    return keys.keySet();
  }

  public Iterable<DataKey> keys() {
    return keys.values();
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** A fresh id for a new key: one above the highest id in use. */
  public int nextId() {
    return keys.isEmpty() ? 1 : keys.lastKey() + 1;
  }

  /** Builds a keyring from keys and the current id. */
  public static Keyring of(Iterable<DataKey> keys, int currentId) {
    TreeMap<Integer, DataKey> map = new TreeMap<>();
    for (DataKey k : keys) {
      if (map.put(k.id(), k) != null) {
        throw new IllegalArgumentException("duplicate data key id " + k.id());
      }
    }
    if (currentId != 0 && !map.containsKey(currentId)) {
      throw new IllegalArgumentException("the current data key is not in the keyring");
    }
    return new Keyring(map, currentId);
  }

  @Override
  public String toString() {
    return "Keyring[ids=" + keys.keySet() + ", current=" + currentId + "]";
  }
}
