package dev.strongroom.delivery;

import dev.strongroom.api.StrongroomApi;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Pods from a watch of the pods Strongroom renders (label {@code strongroom.dev/service}), other
 * kinds from {@code delegate}. A watched pod answers only while the watch is connected and only
 * when its UID is the one asked for; a pod the watch has not seen (just created, or a standalone
 * pod) is read through {@code delegate}, and a pod the watch saw deleted is no longer found there,
 * so a deleted pod is refused once the watch has delivered its deletion, typically within
 * milliseconds. This is the window the API server itself accepts: it validates the pod of a bound
 * token against its own pod informer. While the watch is down (reconnecting, or the API server out
 * of reach) every pod is read through {@code delegate}, as before there was a watch. Counts the
 * pods it answered from the watch and those it read through ({@code
 * strongroom_delivery_pod_reads_total{source=watch|api}}).
 */
public final class WatchedPodLookup implements ObjectLookup, AutoCloseable {
  private final Function<String, Pod> watched;
  private final BooleanSupplier watching;
  private final ObjectLookup delegate;
  private final AutoCloseable watch;
  private final Counter fromWatch;
  private final Counter fromApi;

  WatchedPodLookup(
      Function<String, Pod> watched,
      BooleanSupplier watching,
      ObjectLookup delegate,
      AutoCloseable watch,
      MeterRegistry registry) {
    this.watched = watched;
    this.watching = watching;
    this.delegate = delegate;
    this.watch = watch;
    this.fromWatch = reads(registry, "watch");
    this.fromApi = reads(registry, "api");
  }

  private static Counter reads(MeterRegistry registry, String source) {
    return Counter.builder("strongroom.delivery.pod.reads")
        .description("Pods a delivery looked up, by where they came from (watch or api)")
        .tag("source", source)
        .register(registry);
  }

  /**
   * Starts watching pods in every namespace, keeping only their UID, annotations and owner
   * references; lookups fall through to {@code delegate} until the watch has listed them.
   */
  public static WatchedPodLookup start(
      KubernetesClient client, ObjectLookup delegate, MeterRegistry registry) {
    SharedIndexInformer<Pod> informer =
        client.pods().inAnyNamespace().withLabel(StrongroomApi.SERVICE_LABEL).runnableInformer(0);
    informer.itemStore(
        new ReducedStateItemStore<>(
            ReducedStateItemStore.NAME_KEY_STATE,
            Pod.class,
            client.getKubernetesSerialization(),
            "metadata.uid",
            "metadata.annotations",
            "metadata.ownerReferences"));
    informer.start();
    return new WatchedPodLookup(
        informer.getStore()::getByKey, informer::isWatching, delegate, informer, registry);
  }

  @Override
  public Optional<ObjectRecord> find(String namespace, OwnerKind kind, String name) {
    return delegate.find(namespace, kind, name);
  }

  @Override
  public Optional<ObjectRecord> findWithUid(
      String namespace, OwnerKind kind, String name, String uid) {
    if (kind == OwnerKind.POD && uid != null) {
      Pod pod =
          watching.getAsBoolean() ? watched.apply(Cache.namespaceKeyFunc(namespace, name)) : null;
      if (pod != null && uid.equals(pod.getMetadata().getUid())) {
        fromWatch.increment();
        return Optional.of(KubernetesObjectLookup.record(pod, null));
      }
      fromApi.increment();
    }
    return delegate.findWithUid(namespace, kind, name, uid);
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the pod watch", e);
    }
  }
}
