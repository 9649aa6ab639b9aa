package dev.strongroom.cli;

/** The exit of a subcommand whose name is reserved but whose work a later release brings. */
final class NotYetAvailable {
  static final int EXIT_CODE = 3;

  private NotYetAvailable() {}

  static UserError error(String command) {
    return new UserError("'" + command + "' is not yet available in this build", EXIT_CODE);
  }
}
