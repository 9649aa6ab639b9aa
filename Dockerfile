# The one image: operator, agent and CLI (`strongroom <command>`). Build the jar first:
#   mvn -pl operator package -DskipTests && docker build -t strongroom:0.1.0 .
# Validated by review and hadolint (.ci/run); this machine cannot build images.
FROM eclipse-temurin:17-jre-jammy

# A class-data-sharing archive of what the agent loads, TLS handshake included (agent-training runs
# the agent once against a local endpoint that refuses it), with the flags rendered pods use
# (AgentSettings), so every pod's init container starts fast.
COPY operator/target/strongroom.jar /opt/strongroom/strongroom.jar
RUN java -XX:ArchiveClassesAtExit=/opt/strongroom/strongroom.jsa \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off \
      -jar /opt/strongroom/strongroom.jar agent-training \
 && chmod -R a=rX /opt/strongroom

# No shell needed at run time; the operator and the agent run as an unprivileged user unless a
# pod's securityContext says otherwise (the agent runs as root only to chown secret files).
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/strongroom/strongroom.jsa", "-jar", "/opt/strongroom/strongroom.jar"]
