package dev.strongroom.cli.compose;

/** A place in a Compose file: the file as the user named it and a 1-based line. */
public record Location(String file, int line) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
