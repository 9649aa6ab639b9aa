package dev.strongroom.cli;

import dev.strongroom.delivery.TrainingEndpoint;
import dev.strongroom.reconcile.AgentSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code strongroom agent-training AGENT_JAR ARCHIVE} (for the image build, not for users): runs
 * {@code java -XX:ArchiveClassesAtExit=ARCHIVE <the pods' agent flags> -jar AGENT_JAR} once, TLS
 * handshake included, against a local endpoint that refuses it, so that the class-data-sharing
 * archive holds most of what every pod's init container loads. The agent runs as a process of its
 * own because a dynamic archive serves only JVMs with the class path it was dumped with.
 */
public final class AgentTraining {
  private static final String REFUSAL = "strongroom agent: delivery refused (401)";

  private AgentTraining() {}

  /** 0 when the agent got exactly the endpoint's refusal; one line on {@code err} either way. */
  public static int run(Path agentJar, Path archive, PrintStream err) {
    try {
      Path dir = Files.createTempDirectory("strongroom-training-");
      try (TrainingEndpoint endpoint = TrainingEndpoint.start(dir)) {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Xlog:cds=off");
        command.addAll(AgentSettings.AGENT_JVM_FLAGS);
        command.addAll(
            List.of(
                "-jar",
                agentJar.toString(),
                "--dir=" + secrets,
                "--server=" + endpoint.url(),
                "--token-file=" + endpoint.tokenFile(),
                "--ca-file=" + endpoint.caFile(),
                "--deadline=10s"));
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!agent.waitFor(60, TimeUnit.SECONDS)) {
          agent.destroyForcibly();
          err.println("strongroom agent-training: the agent did not exit within 60 s");
          return 1;
        }
        if (agent.exitValue() == 1 && line.strip().startsWith(REFUSAL)) {
          err.println("strongroom agent-training: the agent ran up to the endpoint's answer");
          return 0;
        }
        err.println("strongroom agent-training: unexpected agent result: " + line.strip());
        return 1;
      } finally {
        TempTrees.deleteTree(dir);
      }
    } catch (IOException e) {
      err.println("strongroom agent-training: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("strongroom agent-training: interrupted");
      return 1;
    }
  }
}
