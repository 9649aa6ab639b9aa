package dev.strongroom.cli;

import dev.strongroom.agent.Agent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * `strongroom agent`: fetch this pod's granted secrets into /run/secrets (init container). The
 * process entry point ({@code Main}) runs the agent before picocli loads; this command lists it in
 * the help and runs the same code when called through the command line object.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Fetch this pod's granted secrets into /run/secrets (init container). Flags: --dir,"
            + " --server, --token-file, --ca-file, --deadline; see `strongroom agent --help`.")
final class AgentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
    return Agent.main(args.toArray(String[]::new), err);
  }

  /** Adapts picocli's error writer to the agent's stream. */
  private static final class WriterOutputStream extends java.io.OutputStream {
    private final java.io.PrintWriter writer;

    WriterOutputStream(java.io.PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void flush() {
      writer.flush();
    }
  }
}
