package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SealedSource;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Sealed data that is not base64, as an object admitted before the CRD's pattern was tightened may
 * hold: a reason on the secret, not a reconcile that throws on every retry.
 */
class SecretValueResolverTest {
  @Test
  void sealedDataCutShortIsAnUnopenableValueWithAnActionableMessage() {
    // Decoding fails first: nothing else of the resolver is reached.
    SecretValueResolver resolver = new SecretValueResolver(null, null, null);

    assertThatThrownBy(() -> resolver.resolve(sealed("c2VhbGVkA")))
        .isInstanceOfSatisfying(
            SecretSourceException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.reason())
                    .isEqualTo(Reasons.SEALED_VALUE_UNOPENABLE))
        .hasMessageContaining("source.sealed.data is not valid base64")
        .hasMessageContaining("strongroom secret create");
  }

  private static SwarmSecret sealed(String data) {
    SecretSource source = new SecretSource();
    source.setSealed(new SealedSource(data));
    SwarmSecretSpec spec = new SwarmSecretSpec();
    spec.setSource(source);
    SwarmSecret secret = new SwarmSecret();
    secret.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("token").build());
    secret.setSpec(spec);
    return secret;
  }
}
