package dev.strongroom.cli.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the converter ignored or changed, each reported once, as {@code file:line: message}. */
public final class ComposeWarnings {
  private final Set<String> seen = new LinkedHashSet<>();
  private final List<String> messages = new ArrayList<>();

  /** Reports a key the converter does not support, once per file and key path. */
  void unsupported(Location location, String path) {
    if (seen.add(location.file() + "\0" + path)) {
      messages.add(location + ": " + path + " is not supported; ignored");
    }
  }

  /** Reports anything else the user should know, once per distinct message. */
  void warn(Location location, String message) {
    String line = location + ": " + message;
    if (seen.add(line)) {
      messages.add(line);
    }
  }

  /** The warnings in the order they were found. */
  public List<String> messages() {
    return List.copyOf(messages);
  }
}
