package dev.strongroom.cli.compose;

import static dev.strongroom.cli.compose.ComposeCorpus.NAMESPACE;
import static dev.strongroom.cli.compose.ComposeCorpus.ROOT;
import static dev.strongroom.cli.compose.ComposeCorpus.STACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strongroom.cli.TestingSealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Compose corpus: each {@code valid/CASE} converts to {@code expected.yaml} with the warnings
 * and external secrets of {@code expected-report.txt}; each {@code invalid/NAME.yml} fails with the
 * one line in {@code NAME.error}.
 */
class ComposeCorpusTest {
  static Stream<Arguments> validCases() {
    return Stream.of(
        Arguments.of("secret-forms", List.of("docker-compose.yml")),
        Arguments.of("service-forms", List.of("docker-compose.yml")),
        Arguments.of("overrides", List.of("docker-compose.yml", "prod/docker-compose.prod.yml")),
        Arguments.of("unsupported", List.of("docker-compose.yml")),
        Arguments.of("external-only", List.of("docker-compose.yml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void convertsToTheExpectedManifestsAndReport(String name, List<String> files) throws IOException {
    Path dir = ROOT.resolve("valid").resolve(name);
    TestingSealer sealer = new TestingSealer();

    ConvertedStack converted = convert(sealer, dir, files);

    String yaml = new ManifestWriter().write(converted.manifests());
    String report = report(converted);
    assertThat(yaml).isEqualTo(ComposeCorpus.expected(dir.resolve("expected.yaml"), yaml));
    assertThat(report)
        .isEqualTo(ComposeCorpus.expected(dir.resolve("expected-report.txt"), report));
    assertThat(sealer.everyPlaintextWasZeroed()).isTrue();
  }

  static Stream<String> invalidCases() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("invalid"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void invalidFilesFailWithOneLineNamingFileAndLine(String file) throws IOException {
    Path dir = ROOT.resolve("invalid");
    TestingSealer sealer = new TestingSealer();

    ComposeException error =
        catchThrowableOfType(ComposeException.class, () -> convert(sealer, dir, List.of(file)));

    assertThat(error).as("%s must fail", file).isNotNull();
    String message = error.getMessage() + "\n";
    String expectedFile = file.replaceFirst("\\.yml$", ".error");
    assertThat(message).isEqualTo(ComposeCorpus.expected(dir.resolve(expectedFile), message));
    assertThat(message).startsWith(file + ":").hasLineCount(1);
    assertThat(sealer.everyPlaintextWasZeroed()).isTrue();
  }

  private static ConvertedStack convert(TestingSealer sealer, Path dir, List<String> files) {
    List<ComposeSource> sources =
        files.stream().map(file -> new ComposeSource(file, dir.resolve(file))).toList();
    return new StackConverter(ComposeCorpus.environment(), sealer)
        .convert(sources, STACK, NAMESPACE);
  }

  private static String report(ConvertedStack converted) {
    StringBuilder report = new StringBuilder();
    converted.warnings().forEach(line -> report.append("warning: ").append(line).append('\n'));
    converted
        .externalSecrets()
        .forEach(name -> report.append("external: ").append(name).append('\n'));
    return report.toString();
  }
}
