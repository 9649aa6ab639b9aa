package dev.strongroom.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;

/** Prints a failed command's error as one line on stderr, never a stack trace. */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String message;
    if (e instanceof KubernetesClientException k) {
      message = KubernetesErrors.oneLine(k);
    } else {
      message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
    return e instanceof UserError userError ? userError.exitCode() : 1;
  }
}
