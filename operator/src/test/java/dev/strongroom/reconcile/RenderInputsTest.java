package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.api.SwarmService;
import dev.strongroom.store.Grant;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RenderInputsTest {
  private static final AgentSettings AGENT =
      new AgentSettings("strongroom:1", "IfNotPresent", "https://strongroom-delivery:8443");
  private static final GrantSet GRANTS =
      new GrantSet(3, List.of(new Grant("db", 2, "db", "0", "0", 0400)), 12);

  private static SwarmService service(Consumer<SwarmService> change) {
    SwarmService service = new SwarmService();
    service.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("shop")
            .withName("web")
            .withUid("8d2c0b4e")
            .withGeneration(4L)
            .build());
    change.accept(service);
    return service;
  }

  @Test
  void theSameInputsGiveTheSameDigestAndEachInputChangesIt() {
    String base = RenderInputs.of(service(s -> {}), GRANTS, AGENT);

    assertThat(RenderInputs.of(service(s -> {}), GRANTS, AGENT)).isEqualTo(base).hasSize(32);
    assertThat(
            List.of(
                RenderInputs.of(service(s -> s.getMetadata().setGeneration(5L)), GRANTS, AGENT),
                RenderInputs.of(service(s -> s.getMetadata().setUid("other")), GRANTS, AGENT),
                RenderInputs.of(service(s -> s.getMetadata().setName("api")), GRANTS, AGENT),
                RenderInputs.of(service(s -> {}), new GrantSet(4, GRANTS.grants(), 12), AGENT),
                RenderInputs.of(service(s -> {}), new GrantSet(3, GRANTS.grants(), 13), AGENT),
                RenderInputs.of(
                    service(s -> {}),
                    GRANTS,
                    new AgentSettings("strongroom:2", "IfNotPresent", AGENT.deliveryUrl()))))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void theServicesOwnLabelsDoNotCountSinceNothingRendersThem() {
    String base = RenderInputs.of(service(s -> {}), GRANTS, AGENT);

    assertThat(
            RenderInputs.of(
                service(s -> s.getMetadata().setLabels(Map.of("team", "a"))), GRANTS, AGENT))
        .isEqualTo(base);
  }
}
