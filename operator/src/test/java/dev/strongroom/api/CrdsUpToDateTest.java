package dev.strongroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs in {@code crds/} are exactly what the model generates, so the build fails when
 * they are stale. {@code mvn -pl operator test -Dtest=CrdsUpToDateTest
 * -Dstrongroom.updateCrds=true} rewrites them.
 */
class CrdsUpToDateTest {
  private static final String HEADER =
      "# Generated from dev.strongroom.api by the build (CrdsUpToDateTest); do not edit.\n";

  @ParameterizedTest
  @ValueSource(classes = {SwarmSecret.class, SwarmService.class})
  void committedCrdMatchesTheModel(Class<? extends HasMetadata> type) throws IOException {
    String file = HasMetadata.getPlural(type) + "." + HasMetadata.getGroup(type) + "-v1.yml";
    Path generated = Path.of(System.getProperty("strongroom.crds.generated"), file);
    Path committed = Path.of(System.getProperty("strongroom.crds.committed"), file);

    String expected = HEADER + render(generated, type);
    if (Boolean.getBoolean("strongroom.updateCrds")) {
      Files.writeString(committed, expected);
    }

    assertThat(committed)
        .as(
            "crds/%s is stale; regenerate with: mvn -pl operator test -Dtest=CrdsUpToDateTest"
                + " -Dstrongroom.updateCrds=true",
            file)
        .exists()
        .hasContent(expected);
  }

  /** The generated CRD with printer columns in the order the model declares them. */
  private static String render(Path generated, Class<?> type) throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(generated), CustomResourceDefinition.class);
    List<String> declared =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    crd.getSpec()
        .getVersions()
        .forEach(
            version ->
                version
                    .getAdditionalPrinterColumns()
                    .sort(
                        Comparator.comparingInt(
                            (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    return Serialization.asYaml(crd);
  }
}
