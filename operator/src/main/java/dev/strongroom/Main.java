package dev.strongroom;

import dev.strongroom.agent.Agent;
import dev.strongroom.cli.StrongroomCommand;
import dev.strongroom.delivery.TrainingEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** Entry point of the one jar: the operator, the agent and the CLI are subcommands. */
public final class Main {
  private static final Set<String> CLIENT_VERBS = Set.of("secret", "service", "stack");

  private Main() {}

  public static void main(String[] args) {
    // The agent is every pod's init container: skip picocli's model of all the other commands.
    if (args.length > 0 && args[0].equals("agent")) {
      System.exit(Agent.main(Arrays.copyOfRange(args, 1, args.length), System.err));
    }
    if (args.length == 1 && args[0].equals("agent-training")) {
      System.exit(agentTraining());
    }
    if (args.length > 0 && CLIENT_VERBS.contains(args[0])) {
      // A CLI verb's output is its own: a library's warning (such as fabric8's "unstable
      // version v1alpha1") would break its one-line errors. The operator and agent keep logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
      System.setProperty("org.slf4j.simpleLogger.log.io.fabric8", "off");
    }
    System.exit(StrongroomCommand.commandLine(System.getenv(), System.in).execute(args));
  }

  /**
   * {@code strongroom agent-training} (for the image build, not for users): the agent once, TLS
   * handshake included, against a local endpoint that refuses it, so that {@code
   * -XX:ArchiveClassesAtExit} archives most of what every pod's init container loads. 0 when the
   * agent got exactly that refusal.
   */
  private static int agentTraining() {
    try {
      Path dir = Files.createTempDirectory("strongroom-training-");
      try (TrainingEndpoint endpoint = TrainingEndpoint.start(dir)) {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
            Agent.main(
                new String[] {
                  "--dir=" + secrets,
                  "--server=" + endpoint.url(),
                  "--token-file=" + endpoint.tokenFile(),
                  "--ca-file=" + endpoint.caFile(),
                  "--deadline=10s"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        if (exit == 1 && line.startsWith("strongroom agent: delivery refused (401)")) {
          System.err.println(
              "strongroom agent-training: the agent ran up to the endpoint's answer");
          return 0;
        }
        System.err.println("strongroom agent-training: unexpected agent result: " + line);
        return 1;
      } finally {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      System.err.println("strongroom agent-training: " + e.getMessage());
      return 1;
    }
  }
}
