package dev.strongroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SwarmSecretTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void swarmNameDefaultsToMetadataName() {
    assertThat(secret("psql-password", null).swarmName()).isEqualTo("psql-password");
    assertThat(secret("psql-password", "psql_password").swarmName()).isEqualTo("psql_password");
  }

  @Test
  void serializesOnlyWhatIsSetSoServerSideApplyOwnsNoDefaults() {
    String json = JSON.asJson(secret("pw", null).getSpec());

    assertThat(json).isEqualTo("{\"source\":{\"generate\":{\"length\":16,\"charset\":\"hex\"}}}");
  }

  @Test
  void specEqualityFollowsTheSource() {
    SwarmSecret a = secret("pw", null);
    SwarmSecret b = JSON.unmarshal(JSON.asJson(a), SwarmSecret.class);
    assertThat(b.getSpec()).isEqualTo(a.getSpec()).hasSameHashCodeAs(a.getSpec());

    b.getSpec().getSource().getGenerate().setLength(17);
    assertThat(b.getSpec()).isNotEqualTo(a.getSpec());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "psql_password",
        "PSQL.password-2",
        "x123456789x123456789x123456789x123456789x123456789x123456789abcd",
        "0day"
      })
  void acceptsSwarmNames(String name) {
    assertThat(StrongroomApi.isSwarmName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "x123456789x123456789x123456789x123456789x123456789x123456789abcde",
        "_psql",
        "psql_",
        "-a",
        "a.",
        "a b",
        "a/b",
        "pässword"
      })
  void rejectsWhatSwarmRejects(String name) {
    assertThat(StrongroomApi.isSwarmName(name)).isFalse();
  }

  private static SwarmSecret secret(String name, String swarmName) {
    SwarmSecret secret = new SwarmSecret();
    secret.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setName(swarmName);
    SecretSource source = new SecretSource();
    source.setGenerate(new GenerateSource(16, GenerateSource.Charset.hex));
    spec.setSource(source);
    secret.setSpec(spec);
    return secret;
  }
}
