package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A SwarmSecret admitted without a source (before the CRD required a spec) gets a reason on the
 * object, not a reconcile that throws on every retry; nothing else is touched.
 */
class SecretVersionsTest {
  @Test
  void aSecretWithoutSpecOrSourceIsRefusedWithAReason() {
    // No store, resolver, recorder or metrics: none is reached.
    SecretVersions versions = new SecretVersions(null, null, null, null);
    SwarmSecret withoutSpec = new SwarmSecret();
    withoutSpec.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("a").build());
    withoutSpec.setSpec(null);
    SwarmSecret withoutSource = new SwarmSecret();
    withoutSource.setMetadata(withoutSpec.getMetadata());
    withoutSource.setSpec(new SwarmSecretSpec());

    for (SwarmSecret secret : new SwarmSecret[] {withoutSpec, withoutSource}) {
      assertThatThrownBy(() -> versions.storeIfChanged(secret, Optional.empty()))
          .isInstanceOfSatisfying(
              SecretSourceException.class,
              e -> assertThat(e.reason()).isEqualTo(Reasons.SPEC_MISSING))
          .hasMessageContaining("spec.source is missing");
    }
  }
}
