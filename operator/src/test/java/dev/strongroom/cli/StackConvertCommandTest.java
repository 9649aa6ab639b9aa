package dev.strongroom.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.cli.compose.KubernetesNames;
import dev.strongroom.crypto.SealedBox;
import dev.strongroom.crypto.SealingKeyring;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StackConvertCommandTest {
  private static final Path CORPUS = Path.of("src/test/resources/compose").toAbsolutePath();
  @TempDir Path tempDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheManifestsOfAStackThatNeedsNoSealing() throws IOException {
    Path dir = CORPUS.resolve("valid/external-only");

    int exit = run("stack", "convert", "-n", "prod", "-c", file(dir), "shop");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo(Files.readString(dir.resolve("expected.yaml")));
    assertThat(err.toString())
        .isEqualTo("note: external secret 'Shared_DB_Password' must already exist\n");
  }

  @Test
  void warningsGoToStandardErrorNamingTheFileAsGiven() {
    Path dir = CORPUS.resolve("valid/unsupported");

    int exit = run("stack", "convert", "-n", "prod", "--compose-file", file(dir), "shop");

    assertThat(exit).isZero();
    assertThat(err.toString())
        .startsWith("warning: " + file(dir) + ":2: name is not supported; ignored\n")
        .contains(file(dir) + ":7: services.web.ports is not supported; ignored\n");
    assertThat(out.toString()).startsWith("---\n").doesNotContain("warning");
  }

  @Test
  void sealingWithoutAKeyOrAKubeconfigFailsInOneLineAndPrintsNothing() {
    Path dir = CORPUS.resolve("valid/secret-forms");

    int exit = run("stack", "convert", "-n", "prod", "-c", file(dir), "shop");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "strongroom stack convert: "
                + file(dir)
                + ":22: secrets.db_password: no kubeconfig: set KUBECONFIG, pass --kubeconfig"
                + " FILE, or create ~/.kube/config\n");
  }

  @Test
  void anInvalidFileFailsInOneLine() {
    Path dir = CORPUS.resolve("invalid");

    int exit = run("stack", "convert", "-c", dir.resolve("missing-image.yml").toString(), "shop");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).endsWith("missing-image.yml:2: services.web.image is required\n");
  }

  @Test
  void environmentSecretsAreSealedFromTheInjectedEnvironmentToTheCertOffline() throws Exception {
    String file = CORPUS.resolve("invalid/missing-environment-variable.yml").toString();
    SealingKeyring keys = SealingKeyring.generate(new SecureRandom());
    Path cert = tempDir.resolve("cluster.pub");
    Files.writeString(cert, keys.current().publicKey().toBase64() + "\n");

    CommandLine withVariable =
        StrongroomCommand.commandLine(
            Map.of("NOT_SET_ANYWHERE", "injected-value-1"), InputStream.nullInputStream());
    withVariable.setOut(new PrintWriter(out, true));
    withVariable.setErr(new PrintWriter(err, true));
    int exit =
        withVariable.execute(
            "stack", "convert", "-n", "prod", "--cert", cert.toString(), "-c", file, "shop");

    assertThat((out.toString() + err).contains("injected-value-1"))
        .as("the value in the output")
        .isFalse();
    assertThat(exit).isZero();
    String data =
        out.toString().lines().filter(l -> l.strip().startsWith("data:")).findFirst().orElseThrow();
    byte[] envelope =
        Base64.getDecoder().decode(data.substring(data.indexOf(":") + 1).replace("\"", "").strip());
    assertThat(
            new String(
                SealedBox.open(keys, "prod", KubernetesNames.forSecret("shop_token"), envelope),
                UTF_8))
        .isEqualTo("injected-value-1");
  }

  @Test
  void readsAComposeFileFromStandardInput() throws IOException {
    Path dir = CORPUS.resolve("valid/external-only");
    CommandLine commandLine =
        StrongroomCommand.commandLine(
            Map.of(),
            new ByteArrayInputStream(Files.readAllBytes(dir.resolve("docker-compose.yml"))));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("stack", "convert", "-n", "prod", "-c", "-", "shop");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo(Files.readString(dir.resolve("expected.yaml")));
  }

  @Test
  void errorsInStandardInputNameIt() {
    CommandLine commandLine =
        StrongroomCommand.commandLine(
            Map.of(), new ByteArrayInputStream("services:\n  web: {}\n".getBytes(UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("stack", "convert", "-c", "-", "shop");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("strongroom stack convert: stdin:2: services.web.image is required\n");
  }

  @Test
  void deployWithoutAKubeconfigFailsInOneLine() {
    int exit =
        run(
            "stack",
            "deploy",
            "-c",
            CORPUS.resolve("valid/external-only/docker-compose.yml").toString(),
            "shop");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom stack deploy: no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or"
                + " create ~/.kube/config\n");
  }

  @Test
  void stackWithoutASubcommandAsksForOne() {
    int exit = run("stack");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom stack: a subcommand is required: convert or deploy (see 'strongroom"
                + " stack --help')\n");
  }

  @Test
  void helpDescribesTheOptions() {
    int exit = run("stack", "convert", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("-c, --compose-file=FILE", "-n, --namespace", "--cert");
  }

  private static String file(Path dir) {
    return dir.resolve("docker-compose.yml").toString();
  }

  private int run(String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
