package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.e2e.support.AgentRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's recipe for the agent's class-data-sharing archive (the Dockerfile, which cannot be
 * built here) works with this jar: {@code agent-training} runs the agent up to the endpoint's
 * answer, and the archive it leaves maps and holds the TLS handshake's classes.
 */
class AgentArchiveIT {
  @Test
  void agentTrainingLeavesAnArchiveWithTheAgentsTlsPath(@TempDir Path dir) {
    Path archive = dir.resolve("strongroom.jsa");
    assertThat(AgentRun.trainArchive(archive))
        .contains("strongroom agent-training: the agent ran up to the endpoint's answer");
    assertThat(archive).isNotEmptyFile();

    // -Xshare:on makes the JVM fail rather than run without an archive it cannot map.
    List<String> flags = new ArrayList<>(AgentRun.podJvmFlags(archive));
    flags.add("-Xshare:on");
    flags.add("-Xlog:class+load=info");
    String loaded = AgentRun.runJar(flags, List.of("agent-training"));
    assertThat(loaded)
        .contains("dev.strongroom.agent.DeliveryClient source: shared objects file")
        .contains("sun.security.ssl.ClientHello source: shared objects file");
  }
}
