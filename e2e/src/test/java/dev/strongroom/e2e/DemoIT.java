package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.e2e.support.DemoScript;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./demo.sh}: it runs the whole story on its own control plane
 * and three operator processes, checks the delivered values itself, and leaves nothing behind,
 * whether it succeeds or fails.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void runsTheWholeStoryAndLeavesNothingBehind() {
    Path tmpfs = Path.of("/dev/shm", "strongroom-demo-it-" + ProcessHandle.current().pid());
    DemoScript demo = new DemoScript(dir.resolve("state"), tmpfs);

    DemoScript.Result result = demo.run();

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "==> [11/11] Finish",
            "wrote 2 secret file(s)",
            "wrote 3 secret file(s)",
            "deployment \"web\" successfully rolled out",
            "all 2 pods run grant revision 2",
            "demo: OK")
        .doesNotContain("FAILED", "did not stop");
    assertThat(result.output().lines())
        .anySatisfy(
            l -> assertThat(l).matches("\\s+api\\.key\\s+-r--r-----\\s+32 bytes\\s+owner 101:101"))
        .anySatisfy(l -> assertThat(l).matches("\\s+session_key\\s+-r--------\\s+24 bytes.*"));
    assertThat(dir.resolve("state")).doesNotExist();
    assertThat(tmpfs).doesNotExist();
    assertThat(demo.processesLeft()).isZero();
  }

  @Test
  void aFailingStepIsNamedAndEverythingItStartedIsStopped() throws Exception {
    // A key directory on disk instead of memory: the demo refuses it at the operator step, after
    // the control plane is up.
    Path notTmpfs = Files.createDirectories(dir.resolve("disk")).resolve("keys");
    DemoScript demo = new DemoScript(dir.resolve("state"), notTmpfs);

    DemoScript.Result result = demo.run();

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("is not a tmpfs", "demo: FAILED in step [3/11] \"Start the operator")
        .doesNotContain("demo: OK");
    assertThat(dir.resolve("state")).doesNotExist();
    assertThat(notTmpfs).doesNotExist();
    assertThat(demo.processesLeft()).isZero();
  }
}
