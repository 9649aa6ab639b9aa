package dev.strongroom.delivery;

/**
 * A pod the authorizer accepted: its SwarmService (name and UID, checked from the pod up) and the
 * grant revision it receives.
 */
public record AuthorizedPod(
    String namespace, String pod, String service, String serviceUid, long revision) {}
