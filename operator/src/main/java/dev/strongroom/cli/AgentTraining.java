package dev.strongroom.cli;

import dev.strongroom.agent.Agent;
import dev.strongroom.delivery.TrainingEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code strongroom agent-training} (for the image build, not for users): the agent once, TLS
 * handshake included, against a local endpoint that refuses it, so that {@code
 * -XX:ArchiveClassesAtExit} archives most of what every pod's init container loads.
 */
public final class AgentTraining {
  private AgentTraining() {}

  /** 0 when the agent got exactly the endpoint's refusal; one line on {@code err} either way. */
  public static int run(PrintStream err) {
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
          err.println("strongroom agent-training: the agent ran up to the endpoint's answer");
          return 0;
        }
        err.println("strongroom agent-training: unexpected agent result: " + line);
        return 1;
      } finally {
        TempTrees.deleteTree(dir);
      }
    } catch (IOException e) {
      err.println("strongroom agent-training: " + e.getMessage());
      return 1;
    }
  }
}
