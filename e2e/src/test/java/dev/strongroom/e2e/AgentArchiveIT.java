package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.cli.TempTrees;
import dev.strongroom.delivery.TrainingEndpoint;
import dev.strongroom.e2e.support.AgentRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's recipe for the agent's class-data-sharing archive (the Dockerfile, which cannot be
 * built here) works with these jars: {@code agent-training} runs the agent's own jar up to the
 * endpoint's answer, and the pods' command line maps the archive it leaves and takes the agent's
 * classes and the TLS handshake's from it.
 */
class AgentArchiveIT {
  @Test
  void agentTrainingLeavesAnArchiveThatThePodsCommandUses(@TempDir Path dir) throws Exception {
    Path archive = dir.resolve("strongroom-agent.jsa");
    assertThat(AgentRun.trainArchive(archive))
        .contains("strongroom agent-training: the agent ran up to the endpoint's answer");
    assertThat(archive).isNotEmptyFile();

    try (TrainingEndpoint endpoint =
        TrainingEndpoint.start(Files.createDirectory(dir.resolve("e")))) {
      Path work = AgentRun.tmpfsDir("strongroom-archive-it-");
      try {
        AgentRun agents =
            new AgentRun(
                work, URI.create(endpoint.url()).getPort(), Files.readString(endpoint.caFile()));
        // -Xshare:on makes the JVM fail rather than run without an archive it cannot map.
        AgentRun.Result run =
            agents.asProcess(
                "training",
                "10s",
                AgentRun.podCommand(archive, List.of("-Xshare:on", "-Xlog:class+load=info")));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line())
            .contains("strongroom agent: delivery refused (401)")
            .contains("dev.strongroom.agent.DeliveryClient source: shared objects file")
            .contains("sun.security.ssl.ClientHello source: shared objects file");
      } finally {
        TempTrees.deleteTree(work);
      }
    }
  }
}
