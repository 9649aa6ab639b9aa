package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.SealedSource;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import dev.strongroom.api.SwarmSecretStatus;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ls/inspect views, lookups and Docker's wording of durations: pure functions. */
class ViewsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void durationsAreWordedAsDockerWordsThem() {
    assertThat(HumanTime.duration(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(HumanTime.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(HumanTime.duration(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    assertThat(HumanTime.duration(Duration.ofSeconds(80))).isEqualTo("About a minute");
    assertThat(HumanTime.duration(Duration.ofMinutes(5))).isEqualTo("5 minutes");
    assertThat(HumanTime.duration(Duration.ofMinutes(65))).isEqualTo("About an hour");
    assertThat(HumanTime.duration(Duration.ofHours(30))).isEqualTo("30 hours");
    assertThat(HumanTime.duration(Duration.ofDays(5))).isEqualTo("5 days");
    assertThat(HumanTime.duration(Duration.ofDays(21))).isEqualTo("3 weeks");
    assertThat(HumanTime.duration(Duration.ofDays(90))).isEqualTo("3 months");
    assertThat(HumanTime.duration(Duration.ofDays(800))).isEqualTo("2 years");
    assertThat(HumanTime.ago("2026-01-01T11:55:00Z", NOW)).isEqualTo("5 minutes ago");
    assertThat(HumanTime.ago(null, NOW)).isEmpty();
  }

  @Test
  void tablesPadColumnsAsDockerDoes() {
    assertThat(Table.render(List.of("ID", "NAME"), List.of(List.of("abc", "x"))))
        .isEqualTo("ID    NAME\nabc   x\n");
  }

  @Test
  void secretRowsAndInspectShowMetadataButNeverTheSealedData() {
    SwarmSecret secret = secret("psql-password-1a2b3c4d", "psql_password", "SEALED-DATA");
    secret.getStatus().setVersion(3L);
    secret.getStatus().setCreatedAt("2026-01-01T11:00:00Z");
    secret.getStatus().setUpdatedAt("2026-01-01T11:58:00Z");

    assertThat(SecretViews.row(secret, List.of("psql"), NOW))
        .containsExactly(
            "0123456789ab", "psql_password", "3", "yes", "About an hour ago", "2 minutes ago");
    String inspected = Json.pretty(List.of(SecretViews.inspect(secret, List.of("psql"))));
    assertThat(inspected)
        .contains(
            "\"ID\": \"0123456789abcdef0123456789abcdef\"",
            "\"Index\": 3",
            "\"Name\": \"psql_password\"",
            "\"Source\": \"sealed\"",
            "\"KubernetesName\": \"psql-password-1a2b3c4d\"")
        .doesNotContain("SEALED-DATA");
    assertThat(Json.line(SecretViews.summary(secret, List.of()))).doesNotContain("SEALED-DATA");
  }

  @Test
  void secretsAreFoundByKubernetesNameSwarmNameOrIdPrefix() {
    SwarmSecret a = secret("a-1", "A_one", "x");
    SwarmSecret b = secret("b", "b", "y");
    b.getMetadata().setUid("fedcba98-7654-3210-0123-456789abcdef");

    assertThat(SecretLookup.find(List.of(a, b), "a-1")).contains(a);
    assertThat(SecretLookup.find(List.of(a, b), "A_one")).contains(a);
    assertThat(SecretLookup.find(List.of(a, b), "fedcba")).contains(b);
    assertThat(SecretLookup.find(List.of(a, b), "nothing")).isEmpty();
    SwarmSecret c = secret("c", "c", "z");
    c.getMetadata().setUid("01234567-0000-0000-0000-000000000000");
    assertThatThrownBy(() -> SecretLookup.find(List.of(a, c), "0123"))
        .hasMessage("ID prefix '0123' matches several secrets; give more of it");
  }

  @Test
  void aSecretIsUsedByServicesThatGrantItByEitherNameAndByItsRecordedUsers() {
    SwarmSecret secret = secret("psql-password-1a2b3c4d", "psql_password", "x");
    secret.getStatus().setUsedBy(List.of("old"));

    assertThat(
            SecretLookup.usedBy(
                secret,
                List.of(
                    service("web", "psql_password"),
                    service("api", "psql-password-1a2b3c4d"),
                    service("cache", "other"))))
        .containsExactly("api", "old", "web");
  }

  @Test
  void servicesAreFoundByTheirSwarmNameToo() {
    SwarmService service = service("shop-web-0badc0de", "x");
    service
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setLabels(Map.of("com.docker.swarm.service.name", "shop_web"));

    assertThat(ServiceLookup.find(List.of(service), "shop_web")).contains(service);
    assertThat(ServiceViews.row(service))
        .containsExactly("0123456789ab", "shop_web", "replicated", "0/1", "nginx", "1", "-");
  }

  private static SwarmSecret secret(String name, String swarmName, String data) {
    SwarmSecret secret = new SwarmSecret();
    secret.getMetadata().setName(name);
    secret.getMetadata().setNamespace("prod");
    secret.getMetadata().setUid("01234567-89ab-cdef-0123-456789abcdef");
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setName(swarmName);
    SecretSource source = new SecretSource();
    source.setSealed(new SealedSource(data));
    spec.setSource(source);
    secret.setSpec(spec);
    secret.setStatus(new SwarmSecretStatus());
    return secret;
  }

  private static SwarmService service(String name, String granted) {
    SwarmService service = new SwarmService();
    service.getMetadata().setName(name);
    service.getMetadata().setUid("01234567-89ab-cdef-0123-456789abcdef");
    SwarmServiceSpec spec = new SwarmServiceSpec();
    spec.setReplicas(1);
    spec.setTemplate(
        new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
            .withNewMetadata()
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build());
    spec.setSecrets(List.of(new SecretGrant(granted, null)));
    service.setSpec(spec);
    return service;
  }
}
