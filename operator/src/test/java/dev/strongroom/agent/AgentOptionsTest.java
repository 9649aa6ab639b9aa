package dev.strongroom.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
  @Test
  void defaultsAreWhatTheRenderedPodProvides() {
    AgentOptions options = AgentOptions.parse(new String[0]);
    assertThat(options.dir()).isEqualTo(Path.of("/run/secrets"));
    assertThat(options.tokenFile()).isEqualTo(Path.of("/var/run/strongroom/token"));
    assertThat(options.caFile()).isEqualTo(Path.of("/var/run/strongroom/ca.crt"));
    assertThat(options.deadline()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void bothFlagSpellingsWork() {
    AgentOptions options =
        AgentOptions.parse(
            new String[] {"--dir=/tmp/s", "--server", "https://x:1", "--deadline", "500ms"});
    assertThat(options.dir()).isEqualTo(Path.of("/tmp/s"));
    assertThat(options.server().toString()).isEqualTo("https://x:1");
    assertThat(options.deadline()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void mistakesAreOneLine() {
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--server=http://x"}))
        .hasMessage("--server must be an https:// URL: http://x");
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--deadline=soon"}))
        .hasMessage("--deadline must look like 500ms, 60s or 2m: soon");
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--bogus=1"}))
        .hasMessage("unknown option --bogus; see --help");
    assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--dir"}))
        .hasMessage("missing value for --dir; see --help");
  }
}
