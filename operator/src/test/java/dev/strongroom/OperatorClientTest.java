package dev.strongroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strongroom.api.SwarmSecret;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorClientTest {
  private static final String SECRET =
      """
      {"apiVersion": "strongroom.dev/v1alpha1", "kind": "SwarmSecret",
       "metadata": {"name": "db-password", "namespace": "shop", "uid": "u-1",
         "resourceVersion": "42", "generation": 3, "finalizers": ["strongroom.dev/in-use"],
         "labels": {"tier": "db"},
         "managedFields": [
           {"manager": "kubectl", "operation": "Apply", "apiVersion": "strongroom.dev/v1alpha1",
            "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:generate": {"f:length": {}}}}},
           {"manager": "strongroom", "operation": "Apply", "subresource": "status",
            "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:version": {}}}}]},
       "spec": {"source": {"generate": {"length": 32}}},
       "status": {"observedGeneration": 3, "version": 2}}
      """;

  private final KubernetesSerialization serialization = OperatorClient.serialization();

  @Test
  void readsEverythingButTheFieldManagersRecords() {
    SwarmSecret secret = serialization.unmarshal(SECRET, SwarmSecret.class);

    assertThat(secret.getMetadata().getManagedFields()).isEmpty();
    assertThat(secret.getMetadata().getAdditionalProperties()).isEmpty();
    assertThat(secret.getMetadata().getName()).isEqualTo("db-password");
    assertThat(secret.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(secret.getMetadata().getFinalizers()).containsExactly("strongroom.dev/in-use");
    assertThat(secret.getMetadata().getLabels()).containsEntry("tier", "db");
    assertThat(secret.getSpec().getSource().getGenerate().getLength()).isEqualTo(32);
    assertThat(secret.getStatus().getVersion()).isEqualTo(2L);
  }

  @Test
  void writesNoFieldManagersRecordsEither() {
    SwarmSecret secret = new KubernetesSerialization().unmarshal(SECRET, SwarmSecret.class);
    secret
        .getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("x").build()));

    String json = serialization.asJson(secret);

    assertThat(json).doesNotContain("managedFields").contains("\"db-password\"");
  }

  @Test
  void theUsualSerializationStillKeepsThem() {
    // The fixture does carry records: what the operator's serialization drops is really there.
    SwarmSecret secret = new KubernetesSerialization().unmarshal(SECRET, SwarmSecret.class);

    assertThat(secret.getMetadata().getManagedFields()).hasSize(2);
  }

  @Test
  void aConfigWithOnlyAClientCertificateHasNoTokenToRefresh() {
    Config certificate = new ConfigBuilder(Config.empty()).withClientCertData("Y2VydA==").build();

    OperatorClient.withoutTokenRefreshForCertificates(certificate);

    // Fabric8 asks the provider rather than reading the kubeconfig again, and it has no token.
    assertThat(certificate.getOauthTokenProvider()).isNotNull();
    assertThat(certificate.getOauthTokenProvider().getToken()).isNull();
  }

  @Test
  void configsWithTokensOrPasswordsRefreshAsBefore() {
    Config kubeconfigToken =
        new ConfigBuilder(Config.empty())
            .withClientCertData("Y2VydA==")
            .withOauthToken("t")
            .build();
    Config serviceAccount = new ConfigBuilder(Config.empty()).build();
    serviceAccount.setAutoOAuthToken("service-account-token");
    Config password =
        new ConfigBuilder(Config.empty())
            .withClientCertData("Y2VydA==")
            .withUsername("u")
            .withPassword("p")
            .build();
    Config nothing = new ConfigBuilder(Config.empty()).build();

    for (Config config : List.of(kubeconfigToken, serviceAccount, password, nothing)) {
      assertThat(OperatorClient.withoutTokenRefreshForCertificates(config).getOauthTokenProvider())
          .isNull();
    }
  }

  @Test
  void watchesStartAgainPromptlyUnlessConfiguredOtherwise() {
    assumeTrue(System.getenv("KUBERNETES_WATCH_RECONNECTINTERVAL") == null);
    Config config = new ConfigBuilder(Config.empty()).build();
    assertThat(config.getWatchReconnectInterval()).isEqualTo(1000); // Fabric8's default

    assertThat(OperatorClient.withPromptWatchRestarts(config).getWatchReconnectInterval())
        .isEqualTo(OperatorClient.WATCH_RECONNECT_MILLIS);

    System.setProperty(Config.KUBERNETES_WATCH_RECONNECT_INTERVAL_SYSTEM_PROPERTY, "2000");
    try {
      Config configured =
          new ConfigBuilder(Config.empty()).withWatchReconnectInterval(2000).build();
      assertThat(OperatorClient.withPromptWatchRestarts(configured).getWatchReconnectInterval())
          .isEqualTo(2000);
    } finally {
      System.clearProperty(Config.KUBERNETES_WATCH_RECONNECT_INTERVAL_SYSTEM_PROPERTY);
    }
  }
}
