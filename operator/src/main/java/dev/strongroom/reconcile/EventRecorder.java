package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Kubernetes Events about Strongroom's objects. Messages never hold secret material. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "strongroom";

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    try {
      client
          .v1()
          .events()
          .inNamespace(object.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withGenerateName(object.getMetadata().getName() + ".")
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(object.getApiVersion())
                  .withKind(object.getKind())
                  .withName(object.getMetadata().getName())
                  .withNamespace(object.getMetadata().getNamespace())
                  .withUid(object.getMetadata().getUid())
                  .withResourceVersion(object.getMetadata().getResourceVersion())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy: failing to write one must not fail the reconcile.
      LOG.warn(
          "could not record event {} on {}: {}",
          reason,
          object.getMetadata().getName(),
          e.getCode());
    }
  }
}
