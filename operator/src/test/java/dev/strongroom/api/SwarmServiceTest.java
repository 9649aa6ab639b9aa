package dev.strongroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SwarmServiceTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void grantTargetDefaultsToSource() {
    assertThat(new SecretGrant("psql_password", null).effectiveTarget()).isEqualTo("psql_password");
    assertThat(new SecretGrant("psql_password", "pw").effectiveTarget()).isEqualTo("pw");
  }

  @Test
  void effectiveTargetIsNotPartOfTheResource() {
    assertThat(JSON.asJson(new SecretGrant("a", null))).isEqualTo("{\"source\":\"a\"}");
  }

  @Test
  void updateConfigUsesSwarmSpellings() {
    UpdateConfig update =
        JSON.unmarshal(
            "{\"order\":\"start-first\",\"failureAction\":\"rollback\",\"monitor\":\"1m30s\"}",
            UpdateConfig.class);

    assertThat(update.getOrder()).isEqualTo(UpdateConfig.Order.START_FIRST);
    assertThat(update.getFailureAction()).isEqualTo(UpdateConfig.FailureAction.ROLLBACK);
    assertThat(JSON.asJson(update))
        .isEqualTo(
            "{\"order\":\"start-first\",\"failureAction\":\"rollback\",\"monitor\":\"1m30s\"}");
  }
}
