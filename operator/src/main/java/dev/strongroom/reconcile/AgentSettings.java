package dev.strongroom.reconcile;

/**
 * How rendered pods run the agent: the operator's own image (pinned by the operator's config) and
 * the delivery endpoint it asks.
 */
public record AgentSettings(String image, String imagePullPolicy, String deliveryUrl) {}
