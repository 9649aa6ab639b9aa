package dev.strongroom.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A Raft peer as given on the command line: {@code id=host:port}. */
public record PeerAddress(String id, String host, int port) {
  public PeerAddress {
    if (!id.matches("[A-Za-z0-9_.-]{1,63}")) {
      throw new IllegalArgumentException("peer id '" + id + "' is not [A-Za-z0-9_.-]{1,63}");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("peer " + id + " has port " + port + " out of range");
    }
  }

  /** Parses {@code id=host:port}. */
  public static PeerAddress parse(String spec) {
    int eq = spec.indexOf('=');
    int colon = spec.lastIndexOf(':');
    if (eq < 1 || colon < eq + 2 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("peer '" + spec + "' is not id=host:port");
    }
    try {
      return new PeerAddress(
          spec.substring(0, eq),
          spec.substring(eq + 1, colon),
          Integer.parseInt(spec.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("peer '" + spec + "' has a port that is not a number");
    }
  }

  /** Parses a comma-separated list; ids must be unique. */
  public static List<PeerAddress> parseAll(String specs) {
    List<PeerAddress> peers = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String spec : specs.split(",")) {
      PeerAddress peer = parse(spec.strip());
      if (!ids.add(peer.id())) {
        throw new IllegalArgumentException("peer id '" + peer.id() + "' appears twice");
      }
      peers.add(peer);
    }
    return peers;
  }

  public String address() {
    return host + ":" + port;
  }
}
