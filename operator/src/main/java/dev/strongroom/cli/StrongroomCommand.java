package dev.strongroom.cli;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `strongroom` command: Swarm's secret verbs plus the operator and agent processes. */
@Command(
    name = "strongroom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Docker Swarm's secret model on Kubernetes.",
    subcommands = {
      OperatorCommand.class,
      InitCommand.class,
      AgentCommand.class,
      SecretCommand.class,
      ServiceCommand.class,
      StackCommand.class,
      UnlockCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class StrongroomCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;
  private final InputStream stdin;
  private final KubeConnections connections;
  private final Clock clock;
  private final SecureRandom random;

  private StrongroomCommand(
      Map<String, String> environment, InputStream stdin, Clock clock, SecureRandom random) {
    this.environment = Map.copyOf(environment);
    this.stdin = stdin;
    this.connections = new KubeConnections(this.environment);
    this.clock = clock;
    this.random = random;
  }

  /** The command line with Strongroom's error handling, no environment and an empty stdin. */
  public static CommandLine commandLine() {
    return commandLine(Map.of(), InputStream.nullInputStream());
  }

  /**
   * The command line with Strongroom's error handling (one clear line and a non-zero exit); {@code
   * environment} and {@code stdin} are the process's, read through here and nowhere else.
   */
  public static CommandLine commandLine(Map<String, String> environment, InputStream stdin) {
    CommandLine commandLine =
        new CommandLine(
                new StrongroomCommand(environment, stdin, Clock.systemUTC(), new SecureRandom()))
            .setExecutionExceptionHandler(new OneLineErrors())
            .setParameterExceptionHandler(new OneLineUsageErrors());
    // `strongroom generate-completion` prints a bash/zsh completion script; not a verb to list.
    commandLine
        .getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(true);
    return commandLine;
  }

  /** Standard input, for {@code -} arguments. */
  InputStream stdin() {
    return stdin;
  }

  /** The environment variables that commands may read (Compose interpolation and secrets). */
  Map<String, String> environment() {
    return environment;
  }

  /** Opens clients with the user's kubeconfig. */
  KubeConnections connections() {
    return connections;
  }

  /** The clock for "5 minutes ago". */
  Clock clock() {
    return clock;
  }

  /** The randomness sealing uses. */
  SecureRandom random() {
    return random;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
