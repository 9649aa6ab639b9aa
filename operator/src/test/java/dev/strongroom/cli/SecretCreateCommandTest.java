package dev.strongroom.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.cli.compose.KubernetesNames;
import dev.strongroom.crypto.SealedBox;
import dev.strongroom.crypto.SealingKeyring;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code secret create --dry-run} seals offline with {@code --cert}: no cluster needed. */
class SecretCreateCommandTest {
  private static final String VALUE = "correct-horse-battery-staple";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final SealingKeyring keys = SealingKeyring.generate(new SecureRandom());
  private Path cert;

  @BeforeEach
  void writeCert() throws Exception {
    cert = dir.resolve("cluster.pub");
    Files.writeString(cert, keys.current().publicKey().toBase64());
  }

  @Test
  void dryRunPrintsASealedManifestBoundToNamespaceAndKubernetesName() throws Exception {
    Path file = dir.resolve("pw.txt");
    Files.writeString(file, VALUE);

    int exit =
        run(
            InputStream.nullInputStream(),
            "secret",
            "create",
            "psql_password",
            file.toString(),
            "-n",
            "prod",
            "--cert",
            cert.toString(),
            "--label",
            "team=db",
            "--dry-run",
            "-o",
            "yaml");

    // First, and without showing the output: a failed assertion would print it.
    assertThat((out.toString() + err).contains(VALUE)).as("the value in the output").isFalse();
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    SwarmSecret secret = new KubernetesSerialization().unmarshal(out.toString(), SwarmSecret.class);
    String objectName = KubernetesNames.forSecret("psql_password");
    assertThat(secret.getMetadata().getName()).isEqualTo(objectName);
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(secret.getMetadata().getLabels()).containsEntry("team", "db");
    assertThat(secret.getSpec().getName()).isEqualTo("psql_password");
    byte[] envelope =
        Base64.getDecoder().decode(secret.getSpec().getSource().getSealed().getData());
    assertThat(new String(SealedBox.open(keys, "prod", objectName, envelope), UTF_8))
        .isEqualTo(VALUE);
  }

  @Test
  void readsTheValueFromStandardInputWithDash() throws Exception {
    int exit =
        run(
            new ByteArrayInputStream(VALUE.getBytes(UTF_8)),
            "secret",
            "create",
            "api-key",
            "-",
            "-n",
            "dev",
            "--cert",
            cert.toString(),
            "--dry-run=client",
            "-o",
            "json");

    assertThat((out.toString() + err).contains(VALUE)).as("the value in the output").isFalse();
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("\"kind\":\"SwarmSecret\"");
    SwarmSecret secret = new KubernetesSerialization().unmarshal(out.toString(), SwarmSecret.class);
    assertThat(secret.getMetadata().getName()).isEqualTo("api-key");
    byte[] envelope =
        Base64.getDecoder().decode(secret.getSpec().getSource().getSealed().getData());
    assertThat(new String(SealedBox.open(keys, "dev", "api-key", envelope), UTF_8))
        .isEqualTo(VALUE);
  }

  @Test
  void refusesAnEmptyValue() {
    int exit =
        run(
            InputStream.nullInputStream(),
            "secret",
            "create",
            "x",
            "-",
            "-n",
            "dev",
            "--cert",
            cert.toString(),
            "--dry-run");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "strongroom secret create: a secret value is 1 byte to 500 KiB; standard input is"
                + " empty\n");
  }

  @Test
  void refusesAnInvalidSwarmName() {
    int exit = run(InputStream.nullInputStream(), "secret", "create", "bad_", "-", "--dry-run");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("invalid secret name 'bad_'").hasLineCount(1);
  }

  @Test
  void outputNeedsDryRun() {
    int exit =
        run(InputStream.nullInputStream(), "secret", "create", "x", "-", "-n", "a", "-o", "yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("strongroom secret create: -o yaml prints a manifest: use it with --dry-run\n");
  }

  @Test
  void aBrokenCertIsOneLine() throws Exception {
    Files.writeString(cert, "not a key");

    int exit =
        run(
            new ByteArrayInputStream(VALUE.getBytes(UTF_8)),
            "secret",
            "create",
            "x",
            "-",
            "-n",
            "a",
            "--cert",
            cert.toString(),
            "--dry-run");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom secret create: --cert "
                + cert
                + ": not a Strongroom sealing public key (32 bytes, base64)\n");
  }

  @Test
  void withoutCertOrKubeconfigSaysWhatIsMissing() {
    int exit =
        run(
            new ByteArrayInputStream(VALUE.getBytes(UTF_8)),
            "secret",
            "create",
            "x",
            "-",
            "-n",
            "a",
            "--dry-run");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom secret create: no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or"
                + " create ~/.kube/config\n");
  }

  private int run(InputStream stdin, String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine(Map.of(), stdin);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
