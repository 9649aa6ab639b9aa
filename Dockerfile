# The one image: operator, agent and CLI (`strongroom <command>`). Build the jars first:
#   mvn -pl operator package -DskipTests && docker build -t strongroom:0.1.0 .
# Validated by review and hadolint (.ci/run); this machine cannot build images.
FROM eclipse-temurin:17-jre-jammy

# The agent's own small jar and a class-data-sharing archive of what it loads, TLS handshake
# included: agent-training runs it once, with the flags rendered pods use (AgentSettings), against
# a local endpoint that refuses it, so every pod's init container starts fast.
COPY operator/target/strongroom.jar operator/target/strongroom-agent.jar /opt/strongroom/
RUN java -jar /opt/strongroom/strongroom.jar agent-training \
      /opt/strongroom/strongroom-agent.jar /opt/strongroom/strongroom-agent.jsa \
 && chmod -R a=rX /opt/strongroom

# No shell needed at run time; the operator and the agent run as an unprivileged user unless a
# pod's securityContext says otherwise (the agent runs as root only to chown secret files).
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["java", "-jar", "/opt/strongroom/strongroom.jar"]
