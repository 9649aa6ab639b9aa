package dev.strongroom.delivery;

/** A pod the authorizer accepted: its SwarmService and the grant revision it receives. */
public record AuthorizedPod(String namespace, String pod, String service, long revision) {}
