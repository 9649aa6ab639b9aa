package dev.strongroom.cli.compose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the converter ignored or changed, each reported once, as {@code file:line: message}, in file
 * order (as given with {@code -c}) and then line order.
 */
final class ComposeWarnings {
  private final Set<String> seen = new HashSet<>();
  private final List<String> files = new ArrayList<>();
  private final List<Warning> warnings = new ArrayList<>();

  private record Warning(Location location, String message) {}

  /** Reports a key the converter does not support, once per file and key path. */
  void unsupported(Location location, String path) {
    if (seen.add(location.file() + "\0" + path)) {
      add(location, path + " is not supported; ignored");
    }
  }

  /** Reports anything else the user should know, once per place and message. */
  void warn(Location location, String message) {
    if (seen.add(location + "\0" + message)) {
      add(location, message);
    }
  }

  /** The warnings, sorted by file and line. */
  List<String> messages() {
    return warnings.stream()
        .sorted(
            Comparator.comparingInt((Warning w) -> files.indexOf(w.location().file()))
                .thenComparingInt(w -> w.location().line()))
        .map(w -> w.location() + ": " + w.message())
        .toList();
  }

  private void add(Location location, String message) {
    if (!files.contains(location.file())) {
      files.add(location.file());
    }
    warnings.add(new Warning(location, message));
  }
}
