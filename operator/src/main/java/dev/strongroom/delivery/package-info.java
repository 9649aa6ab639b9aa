/**
 * The delivery endpoint every operator replica serves, and who may receive what.
 *
 * <h2>Protocol</h2>
 *
 * <p>HTTPS only (TLS 1.3 or 1.2), on {@code --delivery-port} (8443), with a serving certificate
 * issued by Strongroom's delivery CA ({@link dev.strongroom.delivery.DeliveryCa}). One request:
 *
 * <pre>
 * POST /v1/deliveries
 * Authorization: Bearer &lt;projected service-account token, audience strongroom&gt;
 * </pre>
 *
 * <p>200 answers with {@code Content-Type: application/vnd.strongroom.delivery.v1} and a small
 * binary body ({@link dev.strongroom.delivery.DeliveryFormat}): {@code "SRD"}, version byte 1, a
 * u16 count, then per file a u16-length UTF-8 target, u32 uid, u32 gid, u16 mode and a u32-length
 * raw value, big-endian. Values are raw bytes: no base64, no JSON parser in the agent.
 *
 * <p>Refusals answer {@code text/plain} with one line that names no object and no secret ({@link
 * dev.strongroom.delivery.Refusal}): 401 for a missing, invalid, expired, forged or wrong-audience
 * token; 403 for a token not bound to a pod, a pod that no longer exists or has another UID, a pod
 * not owned (pod → ReplicaSet → Deployment → SwarmService, controller references checked by UID) by
 * a SwarmService, a missing or inconsistent grant-revision annotation, or a revision the service
 * never had; 429 with {@code Retry-After} when too many requests wait or too many TokenReviews are
 * in flight; 503 with {@code Retry-After} when the store is locked or unreachable or the API server
 * cannot answer.
 *
 * <h2>Caching and limits</h2>
 *
 * <p>Accepted TokenReviews are cached by the token's SHA-256 until the earlier of the token's
 * {@code exp} and five minutes; at most 16 reviews go to the API server at once. Pods are read live
 * on every request (a deleted pod is refused at once); ReplicaSets, Deployments and SwarmServices
 * are cached for 30 s, and read again when a reference names another UID. Grant revisions and
 * secret versions are read linearizably from the store on every request.
 *
 * <h2>Audit and metrics</h2>
 *
 * <p>Each request logs one line on the logger {@code strongroom.audit}: result, status, namespace,
 * pod, service, revision, secret names, reason, latency. Micrometer meters: {@code
 * strongroom.deliveries{result}}, {@code strongroom.delivery.latency{result}}, {@code
 * strongroom.delivery.secrets.served}.
 */
package dev.strongroom.delivery;
