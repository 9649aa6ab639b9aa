package dev.strongroom.cli.compose;

import static dev.strongroom.cli.compose.ComposeCorpus.NAMESPACE;
import static dev.strongroom.cli.compose.ComposeCorpus.ROOT;
import static dev.strongroom.cli.compose.ComposeCorpus.STACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.cli.SecretSealer;
import dev.strongroom.cli.TestingSealer;
import dev.strongroom.cli.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the golden files cannot show: the sealed values, zeroing, and the caller's inputs. */
class StackConverterTest {
  private static final Path SECRET_FORMS = ROOT.resolve("valid/secret-forms");
  private final TestingSealer sealer = new TestingSealer();

  @Test
  void fileAndEnvironmentSecretsAreSealedBoundToNamespaceAndObjectName() {
    ConvertedStack converted = convert(SECRET_FORMS, NAMESPACE, "docker-compose.yml");

    assertThat(sealer.sealCount()).isEqualTo(5);
    assertThat(sealer.valueSealedFor(NAMESPACE, name(converted, "shop_db_password")))
        .isEqualTo("db-password-from-a-file");
    assertThat(sealer.valueSealedFor(NAMESPACE, name(converted, "shop_api_token")))
        .isEqualTo("token-from-the-environment");
    assertThat(sealer.valueSealedFor(NAMESPACE, name(converted, "shop_tls_key")))
        .isEqualTo("tls-key-from-home");
    assertThat(secret(converted, "shop_db_password").getSpec().getSource().getSealed().getData())
        .isEqualTo(TestingSealer.envelope(NAMESPACE, name(converted, "shop_db_password")));
    assertThat(sealer.everyPlaintextWasZeroed()).isTrue();
  }

  @Test
  void noPlaintextReachesTheManifestsOrTheReport() {
    ConvertedStack converted = convert(SECRET_FORMS, NAMESPACE, "docker-compose.yml");

    String everything =
        new ManifestWriter().write(converted.manifests()) + String.join("\n", converted.warnings());
    assertThat(everything)
        .doesNotContain(
            "db-password-from-a-file", "token-from-the-environment", "tls-key-from-home");
  }

  @Test
  void aSealerThatRefusesFailsWithTheSecretsPlaceAndItsExitCode() {
    SecretSealer refusing =
        (namespace, name, plaintext) -> {
          throw new UserError("sealing needs the cluster's public key: not yet available", 3);
        };

    assertThatThrownBy(
            () ->
                new StackConverter(ComposeCorpus.environment(), refusing)
                    .convert(sources(SECRET_FORMS, "docker-compose.yml"), STACK, NAMESPACE))
        .isInstanceOf(ComposeException.class)
        .hasMessage(
            "docker-compose.yml:22: secrets.db_password: sealing needs the cluster's public key:"
                + " not yet available")
        .extracting(e -> ((UserError) e).exitCode())
        .isEqualTo(3);
  }

  @Test
  void sealingNeedsANamespaceBecauseTheEnvelopeIsBoundToIt() {
    assertThatThrownBy(() -> convert(SECRET_FORMS, null, "docker-compose.yml"))
        .hasMessage(
            "docker-compose.yml:22: secrets.db_password: a sealed value is bound to a namespace:"
                + " give one with -n NAMESPACE");
    assertThat(sealer.sealCount()).isZero();
  }

  @Test
  void aStackWithOnlyExternalSecretsNeedsNeitherSealerNorNamespace() {
    ConvertedStack converted =
        convert(ROOT.resolve("valid/external-only"), null, "docker-compose.yml");

    assertThat(converted.secrets()).isEmpty();
    assertThat(converted.externalSecrets()).containsExactly("Shared_DB_Password");
    assertThat(converted.services().get(0).getMetadata().getNamespace()).isNull();
    assertThat(sealer.sealCount()).isZero();
  }

  @Test
  void aBrokenServiceFailsBeforeAnySecretValueIsRead() {
    assertThatThrownBy(() -> convert(ROOT.resolve("invalid"), NAMESPACE, "undefined-secret.yml"))
        .isInstanceOf(ComposeException.class);
    assertThat(sealer.sealCount()).isZero();
  }

  @Test
  void warningsNameTheFileTheyComeFrom() {
    Path dir = ROOT.resolve("valid/unsupported");

    ConvertedStack converted =
        convert(dir, NAMESPACE, "docker-compose.yml", "../external-only/docker-compose.yml");

    assertThat(converted.warnings()).first().asString().startsWith("docker-compose.yml:2: ");
    assertThat(converted.services()).hasSize(3);
  }

  @Test
  void stackAndNamespaceNamesAreChecked() {
    assertThatThrownBy(
            () ->
                new StackConverter(Map.of(), sealer)
                    .convert(sources(SECRET_FORMS, "docker-compose.yml"), "my stack", NAMESPACE))
        .hasMessage(
            "invalid stack name 'my stack': at most 63 of [a-zA-Z0-9-_.], starting and ending"
                + " with a letter or digit");
    assertThatThrownBy(
            () ->
                new StackConverter(Map.of(), sealer)
                    .convert(sources(SECRET_FORMS, "docker-compose.yml"), STACK, "Prod"))
        .hasMessage("invalid namespace 'Prod': a Kubernetes namespace is a DNS label");
    assertThatThrownBy(() -> new StackConverter(Map.of(), sealer).convert(List.of(), STACK, null))
        .hasMessage("no Compose file given: use -c FILE");
  }

  private ConvertedStack convert(Path dir, String namespace, String... files) {
    return new StackConverter(ComposeCorpus.environment(), sealer)
        .convert(sources(dir, files), STACK, namespace);
  }

  private static List<ComposeSource> sources(Path dir, String... files) {
    return java.util.Arrays.stream(files)
        .map(file -> new ComposeSource(file, dir.resolve(file)))
        .toList();
  }

  private static SwarmSecret secret(ConvertedStack converted, String swarmName) {
    return converted.secrets().stream()
        .filter(secret -> secret.getSpec().getName().equals(swarmName))
        .findFirst()
        .orElseThrow();
  }

  private static String name(ConvertedStack converted, String swarmName) {
    return secret(converted, swarmName).getMetadata().getName();
  }
}
