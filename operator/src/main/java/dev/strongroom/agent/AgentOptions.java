package dev.strongroom.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's flags, parsed by hand so the init container's start loads nothing but the JDK.
 *
 * @param deadline how long to keep retrying transient failures before giving up
 */
public record AgentOptions(
    Path dir, URI server, Path tokenFile, Path caFile, Duration deadline, boolean help) {
  public static final String DEFAULT_DIR = "/run/secrets";
  public static final String DEFAULT_SERVER =
      "https://strongroom-delivery.strongroom-system.svc:8443";
  public static final String DEFAULT_TOKEN_FILE = "/var/run/strongroom/token";
  public static final String DEFAULT_CA_FILE = "/var/run/strongroom/ca.crt";
  public static final String USAGE =
      "Usage: strongroom agent [--dir DIR] [--server URL] [--token-file FILE] [--ca-file FILE]"
          + " [--deadline 60s]\n"
          + "Fetch this pod's granted secrets into DIR (default "
          + DEFAULT_DIR
          + ") and exit.\n"
          + "  --dir         where to write each secret as DIR/<target>\n"
          + "  --server      the delivery endpoint (default "
          + DEFAULT_SERVER
          + ")\n"
          + "  --token-file  the projected token, audience strongroom (default "
          + DEFAULT_TOKEN_FILE
          + ")\n"
          + "  --ca-file     the CA bundle to trust (default "
          + DEFAULT_CA_FILE
          + ")\n"
          + "  --deadline    keep retrying transient failures this long: 500ms, 60s, 2m (default"
          + " 60s)\n";

  /** Parses {@code --name=value} or {@code --name value}; throws {@link AgentException}. */
  public static AgentOptions parse(String[] args) {
    String dir = DEFAULT_DIR;
    String server = DEFAULT_SERVER;
    String token = DEFAULT_TOKEN_FILE;
    String ca = DEFAULT_CA_FILE;
    String deadline = "60s";
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg;
        if (i + 1 >= args.length) {
          throw new AgentException("missing value for " + arg + "; see --help");
        }
        value = args[++i];
      }
      switch (name) {
        case "--dir" -> dir = value;
        case "--server" -> server = value;
        case "--token-file" -> token = value;
        case "--ca-file" -> ca = value;
        case "--deadline" -> deadline = value;
        default -> throw new AgentException("unknown option " + name + "; see --help");
      }
    }
    URI uri;
    try {
      uri = URI.create(server);
    } catch (IllegalArgumentException e) {
      throw new AgentException("--server is not a URL: " + server);
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new AgentException("--server must be an https:// URL: " + server);
    }
    return new AgentOptions(
        Path.of(dir), uri, Path.of(token), Path.of(ca), duration(deadline), help);
  }

  /** {@code 500ms}, {@code 60s}, {@code 2m}. */
  static Duration duration(String text) {
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // falls through to the one message below
    }
    throw new AgentException("--deadline must look like 500ms, 60s or 2m: " + text);
  }
}
