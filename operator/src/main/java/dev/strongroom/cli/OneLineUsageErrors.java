package dev.strongroom.cli;

import picocli.CommandLine;

/** A command line picocli cannot parse: one line naming the problem and where help is. */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {
  static final int EXIT_CODE = 2;

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    String name = commandLine.getCommandSpec().qualifiedName();
    String message = e.getMessage() == null ? "invalid command line" : e.getMessage().strip();
    commandLine
        .getErr()
        .println(
            name + ": " + message.replaceAll("\\s*\\R\\s*", " ") + " (see '" + name + " --help')");
    commandLine.getErr().flush();
    return EXIT_CODE;
  }
}
