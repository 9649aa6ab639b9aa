package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StrongroomCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpListsEverySubcommand() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("operator", "agent", "secret", "service", "stack", "unlock", "bench");
  }

  @Test
  void generatesAShellCompletionScript() {
    int exit = run("generate-completion");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("complete -F", "strongroom", "convert", "--compose-file");
  }

  @Test
  void reservedSubcommandSaysSoInOneLineAndFails() {
    int exit = run("unlock");

    assertThat(exit).isEqualTo(NotYetAvailable.EXIT_CODE);
    assertThat(err.toString())
        .isEqualTo("strongroom unlock: 'unlock' is not yet available in this build\n");
  }

  private int run(String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
