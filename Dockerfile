# The one image: operator, agent and CLI (`strongroom <command>`). Build the jars first:
#   mvn -pl operator package -DskipTests && docker build -t strongroom:0.1.0 .
# Validated by review and hadolint (.ci/run); this machine cannot build images.
# Built for Java 17 (and tested on it), run on Java 25: the operator's launcher keeps the JVM's
# ahead-of-time cache (JDK 25 and later) in its data dir, which makes a restart reconcile every
# object once about a fifth sooner (README, "Running the operator").
FROM eclipse-temurin:25-jre-noble

# The agent's own small jar and a class-data-sharing archive of what it loads, TLS handshake
# included: agent-training runs it once, with the flags rendered pods use (AgentSettings), against
# a local endpoint that refuses it, so every pod's init container starts fast.
COPY operator/target/strongroom.jar operator/target/strongroom-agent.jar \
     operator/src/main/sh/strongroom-operator /opt/strongroom/
RUN java -jar /opt/strongroom/strongroom.jar agent-training \
      /opt/strongroom/strongroom-agent.jar /opt/strongroom/strongroom-agent.jsa \
 && chmod -R a=rX /opt/strongroom

# The operator runs as /opt/strongroom/strongroom-operator (deploy/base/statefulset.yaml), the
# agent and the CLI as the entry point. Both run as an unprivileged user unless a pod's
# securityContext says otherwise (the agent runs as root only to chown secret files).
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["java", "-jar", "/opt/strongroom/strongroom.jar"]
