package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API server itself enforces the CRD schemas and CEL rules, before any operator runs. */
@ExtendWith(ControlPlane.class)
class CrdValidationIT {
  private static final String SECRET = "apiVersion: strongroom.dev/v1alpha1\nkind: SwarmSecret\n";
  private static final String SERVICE = "apiVersion: strongroom.dev/v1alpha1\nkind: SwarmService\n";
  private static final String TEMPLATE =
      "  template: {spec: {containers: [{name: app, image: postgres:16}]}}\n";

  private static KubernetesClient client;
  private static TestNamespace namespace;

  @BeforeAll
  static void namespace(KubernetesClient kubernetes) {
    client = kubernetes;
    namespace = new TestNamespace(kubernetes, "crd-validation");
  }

  @AfterAll
  static void cleanUp() {
    namespace.close();
  }

  static Stream<Arguments> invalidObjects() {
    return Stream.of(
        invalid("secret without source", SECRET + "metadata: {name: a}\nspec: {}\n", "spec.source"),
        invalid(
            "secret with two sources",
            SECRET
                + "metadata: {name: a}\nspec:\n  source:\n    generate: {length: 8}\n"
                + "    fromSecret: {name: db, key: password}\n",
            "spec.source",
            "exactly one of sealed, generate or fromSecret"),
        invalid(
            "secret with an empty source",
            SECRET + "metadata: {name: a}\nspec: {source: {}}\n",
            "spec.source",
            "exactly one of"),
        invalid(
            "Swarm name starting with '_'",
            SECRET + "metadata: {name: a}\nspec: {name: _psql, source: {generate: {}}}\n",
            "spec.name",
            "should match"),
        invalid(
            "Swarm name of 65 characters",
            SECRET
                + "metadata: {name: a}\nspec: {name: "
                + "p".repeat(65)
                + ", source: {generate: {}}}\n",
            "spec.name",
            "64"),
        invalid(
            "generated length 0",
            SECRET + "metadata: {name: a}\nspec: {source: {generate: {length: 0}}}\n",
            "spec.source.generate.length"),
        invalid(
            "generated length over 500 KiB",
            SECRET + "metadata: {name: a}\nspec: {source: {generate: {length: 512001}}}\n",
            "spec.source.generate.length"),
        invalid(
            "unknown charset",
            SECRET + "metadata: {name: a}\nspec: {source: {generate: {charset: emoji}}}\n",
            "spec.source.generate.charset",
            "Unsupported value"),
        invalid(
            "fromSecret without key",
            SECRET + "metadata: {name: a}\nspec: {source: {fromSecret: {name: db}}}\n",
            "spec.source.fromSecret.key",
            "Required value"),
        invalid(
            "secret without spec",
            SECRET + "metadata: {name: a}\n",
            "spec is required",
            "spec.source"),
        invalid(
            "sealed data cut short (base64 of a length no encoder makes)",
            SECRET + "metadata: {name: a}\nspec: {source: {sealed: {data: c2VhbGVkA}}}\n",
            "spec.source.sealed.data"),
        invalid(
            "sealed data with padding where none belongs",
            SECRET + "metadata: {name: a}\nspec: {source: {sealed: {data: c2VhbGVk=}}}\n",
            "spec.source.sealed.data"),
        invalid(
            "sealed data that is not base64",
            SECRET + "metadata: {name: a}\nspec: {source: {sealed: {data: 'not base64!'}}}\n",
            "spec.source.sealed.data"),
        invalid(
            "negative replicas",
            SERVICE + "metadata: {name: s}\nspec:\n  replicas: -1\n" + TEMPLATE,
            "spec.replicas"),
        invalid(
            "service without template",
            SERVICE + "metadata: {name: s}\nspec: {}\n",
            "spec.template"),
        invalid(
            "service without spec",
            SERVICE + "metadata: {name: s}\n",
            "spec is required",
            "spec.template"),
        invalid(
            "template without a pod spec",
            SERVICE + "metadata: {name: s}\nspec:\n  template: {}\n",
            "spec.template",
            "at least one container"),
        invalid(
            "template without containers",
            SERVICE + "metadata: {name: s}\nspec:\n  template: {spec: {containers: []}}\n",
            "spec.template",
            "at least one container"),
        invalid(
            "uid beyond Linux's",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, uid: '4294967295'}]\n",
            "spec.secrets[0].uid",
            "at most 4294967294"),
        invalid(
            "gid that would wrap to 0",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, gid: '4294967296'}]\n",
            "spec.secrets[0].gid",
            "at most 4294967294"),
        invalid(
            "mode above 0777",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, mode: 512}]\n",
            "spec.secrets[0].mode"),
        invalid(
            "negative mode",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, mode: -1}]\n",
            "spec.secrets[0].mode"),
        invalid(
            "target with a slash",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, target: ../etc/passwd}]\n",
            "spec.secrets[0].target"),
        invalid(
            "target '..'",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, target: '..'}]\n",
            "spec.secrets[0].target",
            "not '.' or '..'"),
        invalid(
            "target that hides the service-account token",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, target: kubernetes.io}]\n",
            "spec.secrets[0].target",
            "reserved"),
        invalid(
            "empty target",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, target: ''}]\n",
            "spec.secrets[0].target"),
        invalid(
            "two grants with the same target",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, target: pw}, {source: b, target: pw}]\n",
            "spec.secrets",
            "same target"),
        invalid(
            "a target equal to another grant's default target",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a}, {source: b, target: a}]\n",
            "spec.secrets",
            "same target"),
        invalid(
            "non-numeric uid",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  secrets: [{source: a, uid: root}]\n",
            "spec.secrets[0].uid"),
        invalid(
            "unknown update order",
            SERVICE + "metadata: {name: s}\nspec:\n" + TEMPLATE + "  update: {order: random}\n",
            "spec.update.order",
            "Unsupported value"),
        invalid(
            "monitor that is not a duration",
            SERVICE
                + "metadata: {name: s}\nspec:\n"
                + TEMPLATE
                + "  update: {monitor: 5 seconds}\n",
            "spec.update.monitor"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidObjects")
  void rejectsInvalidObjectNamingTheField(String description, String yaml, String[] expected) {
    assertThatThrownBy(() -> create(yaml))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .message()
        .contains(expected);
  }

  @Test
  void acceptsEverySecretSourceAndAppliesDefaults() {
    create(SECRET + "metadata: {name: sealed}\nspec: {source: {sealed: {data: c2VhbGVk}}}\n");
    create(
        SECRET
            + "metadata: {name: from-secret}\nspec: {source: {fromSecret: {name: db, key: pw}}}\n");
    create(
        SECRET
            + "metadata: {name: generated}\nspec:\n  name: PSQL_password.v2\n"
            + "  source: {generate: {}}\n");

    SwarmSecret generated = secrets().withName("generated").get();
    assertThat(generated.swarmName()).isEqualTo("PSQL_password.v2");
    assertThat(generated.getSpec().getImmutable()).isFalse();
    assertThat(generated.getSpec().getSource().getGenerate().getLength()).isEqualTo(32);
    assertThat(generated.getSpec().getSource().getGenerate().getCharset().name())
        .isEqualTo("alphanumeric");
    assertThat(secrets().withName("sealed").get().swarmName()).isEqualTo("sealed");
  }

  @Test
  void acceptsServiceAppliedWithKubectlAndAppliesSwarmDefaults(ControlPlane.Cluster cluster) {
    // Through kubectl, as users apply it: its YAML 1.1 parser reads mode 0400 as octal.
    cluster.kubectlWithInput(
        SERVICE
            + "metadata: {name: psql}\nspec:\n"
            + TEMPLATE
            + "  secrets:\n  - {source: psql_password}\n"
            + "  - {source: psql_password, target: pw, uid: '999', gid: '4294967294', mode: 0400}\n",
        "apply",
        "-n",
        namespace.name(),
        "-f",
        "-");

    SwarmService service =
        client.resources(SwarmService.class).inNamespace(namespace.name()).withName("psql").get();
    assertThat(service.getSpec().getReplicas()).isEqualTo(1);
    assertThat(service.getSpec().getSecrets())
        .extracting(
            SecretGrant::effectiveTarget,
            SecretGrant::getUid,
            SecretGrant::getGid,
            SecretGrant::getMode)
        .containsExactly(
            tuple("psql_password", "0", "0", 0444), tuple("pw", "999", "4294967294", 0400));
    assertThat(service.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
  }

  @Test
  void aSpecCannotBeRemovedOnceThere() {
    create(SECRET + "metadata: {name: kept}\nspec: {source: {generate: {}}}\n");

    assertThatThrownBy(
            () ->
                secrets()
                    .withName("kept")
                    .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                        "[{\"op\":\"remove\",\"path\":\"/spec\"}]"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec is required");
  }

  @Test
  void immutableSecretRefusesAnotherSourceAndUnsetting() {
    create(
        SECRET
            + "metadata: {name: frozen}\nspec: {immutable: true, source: {generate: {length: 8}}}\n");

    assertThatThrownBy(() -> secrets().withName("frozen").edit(s -> withGeneratedLength(s, 9)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.source")
        .hasMessageContaining("the secret is immutable");
    assertThatThrownBy(
            () ->
                secrets()
                    .withName("frozen")
                    .edit(
                        s -> {
                          s.getSpec().setImmutable(false);
                          return s;
                        }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("the secret is immutable");
  }

  @Test
  void mutableSecretTakesANewSourceButKeepsItsSwarmName() {
    create(SECRET + "metadata: {name: mutable}\nspec: {name: api_key, source: {generate: {}}}\n");

    SwarmSecret changed = secrets().withName("mutable").edit(s -> withGeneratedLength(s, 48));
    assertThat(changed.getSpec().getSource().getGenerate().getLength()).isEqualTo(48);

    assertThatThrownBy(
            () ->
                secrets()
                    .withName("mutable")
                    .edit(
                        s -> {
                          s.getSpec().setName("other_key");
                          return s;
                        }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.name")
        .hasMessageContaining("cannot be changed");
  }

  private static SwarmSecret withGeneratedLength(SwarmSecret secret, int length) {
    secret.getSpec().getSource().getGenerate().setLength(length);
    return secret;
  }

  private static NonNamespaceOperation<
          SwarmSecret, KubernetesResourceList<SwarmSecret>, Resource<SwarmSecret>>
      secrets() {
    return client.resources(SwarmSecret.class).inNamespace(namespace.name());
  }

  private static HasMetadata create(String yaml) {
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    return client.resource(resource).inNamespace(namespace.name()).create();
  }

  private static Arguments invalid(String description, String yaml, String... expected) {
    return Arguments.of(description, yaml, expected);
  }
}
