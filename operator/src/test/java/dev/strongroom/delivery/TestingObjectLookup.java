package dev.strongroom.delivery;

import dev.strongroom.api.StrongroomApi;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A table of objects, with helpers that build a pod → ReplicaSet → Deployment → service chain. */
final class TestingObjectLookup implements ObjectLookup {
  private record Key(String namespace, OwnerKind kind, String name) {}

  private final Map<Key, ObjectRecord> objects = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  /** When set, every read fails as an unreachable API server does. */
  volatile boolean failing;

  TestingObjectLookup put(String namespace, OwnerKind kind, String name, ObjectRecord record) {
    objects.put(new Key(namespace, kind, name), record);
    return this;
  }

  TestingObjectLookup remove(String namespace, OwnerKind kind, String name) {
    objects.remove(new Key(namespace, kind, name));
    return this;
  }

  /** Service {@code service} (uid service-uid) with one ReplicaSet of {@code revision}. */
  TestingObjectLookup service(String namespace, String service, long revision) {
    String rs = service + "-rs" + revision;
    put(namespace, OwnerKind.SWARM_SERVICE, service, record(service + "-uid", null, Map.of()));
    put(
        namespace,
        OwnerKind.DEPLOYMENT,
        service,
        record(
            service + "-deploy-uid",
            new ObjectRecord.ControllerRef(
                StrongroomApi.GROUP + "/" + StrongroomApi.VERSION,
                "SwarmService",
                service,
                service + "-uid"),
            Map.of()));
    put(
        namespace,
        OwnerKind.REPLICA_SET,
        rs,
        new ObjectRecord(
            rs + "-uid",
            Map.of(),
            Map.of(StrongroomApi.GRANT_REVISION_ANNOTATION, Long.toString(revision)),
            Optional.of(
                new ObjectRecord.ControllerRef(
                    "apps/v1", "Deployment", service, service + "-deploy-uid"))));
    return this;
  }

  /** A pod of {@code service}'s ReplicaSet of {@code revision}. */
  TestingObjectLookup pod(String namespace, String pod, String uid, String service, long revision) {
    String rs = service + "-rs" + revision;
    return put(
        namespace,
        OwnerKind.POD,
        pod,
        new ObjectRecord(
            uid,
            Map.of(StrongroomApi.GRANT_REVISION_ANNOTATION, Long.toString(revision)),
            Map.of(),
            Optional.of(new ObjectRecord.ControllerRef("apps/v1", "ReplicaSet", rs, rs + "-uid"))));
  }

  static ObjectRecord record(
      String uid, ObjectRecord.ControllerRef controller, Map<String, String> annotations) {
    return new ObjectRecord(uid, annotations, Map.of(), Optional.ofNullable(controller));
  }

  @Override
  public Optional<ObjectRecord> find(String namespace, OwnerKind kind, String name) {
    calls.incrementAndGet();
    if (failing) {
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE);
    }
    return Optional.ofNullable(objects.get(new Key(namespace, kind, name)));
  }
}
