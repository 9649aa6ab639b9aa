package dev.strongroom.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A concurrent history of writes and reads on versioned keys, and a checker that it is linearizable
 * per key. Each write gets a unique version from the store, so the only candidate order is the
 * version order; the history is linearizable iff that order respects real time and every read
 * returns the newest version at some point inside its interval. The final state holds only the
 * versions the store keeps (the newest, and any that a grant names), so a value is checked against
 * the write that made it.
 */
final class History {
  /** One completed or failed operation; {@code version} -1 when the outcome is unknown. */
  record Op(boolean write, String key, String value, long version, long start, long end) {}

  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

  void add(Op op) {
    ops.add(op);
  }

  List<Op> acknowledgedWrites() {
    return ops.stream().filter(o -> o.write() && o.version() > 0).toList();
  }

  /** Attempted writes, acknowledged or not, by value (for values of ambiguous writes). */
  Map<String, Op> attemptsByValue() {
    Map<String, Op> map = new HashMap<>();
    ops.stream().filter(Op::write).forEach(o -> map.put(o.value(), o));
    return map;
  }

  /**
   * Checks the history against the final per-key version -> value maps read from a peer; returns
   * the violations found (empty when linearizable).
   */
  List<String> violations(Map<String, Map<Long, String>> finalState) {
    List<String> problems = new ArrayList<>();
    Map<String, Op> attempts = attemptsByValue();
    Map<String, List<Op>> byKey = new HashMap<>();
    ops.forEach(o -> byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      String key = e.getKey();
      Map<Long, String> versions = finalState.getOrDefault(key, Map.of());
      List<Op> writes = e.getValue().stream().filter(o -> o.write() && o.version() > 0).toList();
      List<Op> reads = e.getValue().stream().filter(o -> !o.write() && o.version() >= 0).toList();
      long newest = versions.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      Set<Long> acknowledged = new HashSet<>();
      for (Op w : writes) {
        // The store drops a version superseded before any grant named it: an acknowledged
        // version must still be there, or a newer one must.
        String held = versions.get(w.version());
        if (held == null ? w.version() > newest : !w.value().equals(held)) {
          problems.add(key + ": acknowledged version " + w.version() + " is missing or changed");
        }
        if (!acknowledged.add(w.version())) {
          problems.add(key + ": two acknowledged writes got version " + w.version());
        }
      }
      for (String value : versions.values()) {
        if (!attempts.containsKey(value)) {
          problems.add(key + ": a version holds a value nobody wrote");
        }
      }
      for (Op a : writes) {
        for (Op b : writes) {
          if (a.end() < b.start() && a.version() >= b.version()) {
            problems.add(
                key + ": write v" + b.version() + " began after v" + a.version() + " ended");
          }
        }
      }
      for (Op r : reads) {
        if (r.version() > 0) {
          Op source = attempts.get(r.value());
          String held = versions.get(r.version());
          if (source == null
              || (source.version() > 0 && source.version() != r.version())
              || (held != null && !held.equals(r.value()))) {
            problems.add(key + ": read of v" + r.version() + " returned a value not written there");
          } else if (source.start() > r.end()) {
            problems.add(key + ": read returned a write that began after the read ended");
          }
        }
        for (Op w : writes) {
          if (w.end() < r.start() && r.version() < w.version()) {
            problems.add(
                key + ": read saw v" + r.version() + " after v" + w.version() + " was acked");
          }
          if (r.end() < w.start() && r.version() >= w.version()) {
            problems.add(key + ": read saw v" + w.version() + " before it was written");
          }
        }
        for (Op r2 : reads) {
          if (r.end() < r2.start() && r.version() > r2.version()) {
            problems.add(key + ": reads went back from v" + r.version() + " to v" + r2.version());
          }
        }
      }
    }
    return problems;
  }

  int size() {
    return ops.size();
  }
}
