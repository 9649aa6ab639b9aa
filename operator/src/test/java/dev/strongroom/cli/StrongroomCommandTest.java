package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void everyVerbHasHelp() {
    List<String> verbs = new ArrayList<>();
    collect(StrongroomCommand.commandLine(), verbs);

    assertThat(verbs)
        .contains(
            "strongroom secret create",
            "strongroom secret ls",
            "strongroom secret inspect",
            "strongroom secret rm",
            "strongroom service create",
            "strongroom service update",
            "strongroom service ls",
            "strongroom service inspect",
            "strongroom service ps",
            "strongroom stack deploy",
            "strongroom stack convert");
    for (String verb : verbs) {
      out.getBuffer().setLength(0);
      List<String> args =
          new ArrayList<>(List.of(verb.split(" ")).subList(1, verb.split(" ").length));
      args.add("--help");

      int exit = run(args.toArray(String[]::new));

      assertThat(exit).as(verb).isZero();
      assertThat(out.toString()).as(verb).startsWith("Usage: " + verb);
    }
  }

  @Test
  void aCommandLineThatDoesNotParseIsOneLine() {
    int exit = run("secret", "ls", "--all-namespaces");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom secret ls: Unknown option: '--all-namespaces' (see 'strongroom secret ls"
                + " --help')\n");
  }

  @Test
  void aGrantThatDoesNotParseNamesTheProblem() {
    int exit = run("service", "create", "web", "--image", "nginx", "--secret", "source=a,bogus=1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown field 'bogus'").hasLineCount(1);
  }

  private static void collect(CommandLine commandLine, List<String> verbs) {
    if (commandLine.getCommandSpec().usageMessage().hidden()
        || commandLine.getCommandName().equals("help")) {
      return;
    }
    verbs.add(commandLine.getCommandSpec().qualifiedName());
    commandLine.getSubcommands().entrySet().stream()
        .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
        .forEach(e -> collect(e.getValue(), verbs));
  }

  private int run(String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
