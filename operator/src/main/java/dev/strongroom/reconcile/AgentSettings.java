package dev.strongroom.reconcile;

import java.util.List;
import java.util.stream.Stream;

/**
 * How rendered pods run the agent: the operator's own image (pinned by the operator's config) and
 * the delivery endpoint it asks.
 */
public record AgentSettings(String image, String imagePullPolicy, String deliveryUrl) {
  /** Where the image (the Dockerfile) keeps the agent's own jar, {@code strongroom-agent.jar}. */
  public static final String IMAGE_AGENT_JAR = "/opt/strongroom/strongroom-agent.jar";

  /**
   * The image's class-data-sharing archive of the agent, made by {@code strongroom agent-training
   * IMAGE_AGENT_JAR IMAGE_ARCHIVE} with {@link #AGENT_JVM_FLAGS}.
   */
  public static final String IMAGE_ARCHIVE = "/opt/strongroom/strongroom-agent.jsa";

  /**
   * The agent's JVM flags besides the archive, measured with the archive (process start to exit,
   * p50): a process that lives a quarter of a second gains nothing from C2 or a concurrent
   * collector (513 to 358 ms); one C1 thread competes less with the main thread and the endpoint,
   * and offering only P-256 for the key exchange makes the client's key share with the EC code the
   * certificate check needs anyway rather than X25519's (the two, with the agent's own default
   * socket factory: 320 to 299 ms in 40 alternating runs).
   */
  public static final List<String> AGENT_JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-XX:CICompilerCount=1",
          "-Djdk.tls.namedGroups=secp256r1");

  /** The agent container's command; its arguments are the agent's flags. */
  static final List<String> AGENT_COMMAND =
      Stream.of(
              Stream.of("java", "-XX:SharedArchiveFile=" + IMAGE_ARCHIVE),
              AGENT_JVM_FLAGS.stream(),
              Stream.of("-jar", IMAGE_AGENT_JAR))
          .flatMap(s -> s)
          .toList();
}
