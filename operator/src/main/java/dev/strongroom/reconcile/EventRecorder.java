package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about Strongroom's objects, in the background (see {@link EventQueue}).
 * Messages never hold secret material.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "strongroom";
  private static final int QUEUED_MAX = 1024;

  private final Clock clock;
  private final EventQueue<Event> queue;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.clock = clock;
    this.queue = new EventQueue<>("strongroom-events", QUEUED_MAX, event -> create(client, event));
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  /** Stops recording and gives the queued Events a moment to reach the API server. */
  @Override
  public void close() {
    queue.close();
    if (queue.dropped() > 0) {
      LOG.warn("{} events were dropped while the API server fell behind", queue.dropped());
    }
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    // Built now, from the object as this reconcile saw it; only the write waits for the queue.
    queue.offer(
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
            .build());
  }

  private static void create(KubernetesClient client, Event event) {
    try {
      client
          .v1()
          .events()
          .inNamespace(event.getInvolvedObject().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy: failing to write one must not fail anything else.
      LOG.warn(
          "could not record event {} on {}: {}",
          event.getReason(),
          event.getInvolvedObject().getName(),
          e.getCode());
    }
  }
}
