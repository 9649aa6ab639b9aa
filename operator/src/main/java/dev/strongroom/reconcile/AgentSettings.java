package dev.strongroom.reconcile;

import java.util.List;
import java.util.stream.Stream;

/**
 * How rendered pods run the agent: the operator's own image (pinned by the operator's config) and
 * the delivery endpoint it asks.
 */
public record AgentSettings(String image, String imagePullPolicy, String deliveryUrl) {
  /** Where the image (the Dockerfile) keeps the one jar. */
  public static final String IMAGE_JAR = "/opt/strongroom/strongroom.jar";

  /** The image's class-data-sharing archive, made from {@code strongroom agent-training}. */
  public static final String IMAGE_ARCHIVE = "/opt/strongroom/strongroom.jsa";

  /**
   * The agent's JVM flags besides the archive: a process that lives half a second gains nothing
   * from C2 or a concurrent collector (measured with the archive: 513 ms p50 without, 358 with).
   */
  public static final List<String> AGENT_JVM_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** The agent container's command; its arguments start with {@code agent}. */
  static final List<String> AGENT_COMMAND =
      Stream.of(
              Stream.of("java", "-XX:SharedArchiveFile=" + IMAGE_ARCHIVE),
              AGENT_JVM_FLAGS.stream(),
              Stream.of("-jar", IMAGE_JAR))
          .flatMap(s -> s)
          .toList();
}
