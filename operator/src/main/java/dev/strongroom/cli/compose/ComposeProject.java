package dev.strongroom.cli.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets and services of one or more merged Compose files, and the directory that relative
 * secret files are read from (the first file's, as in Docker).
 */
record ComposeProject(
    Path directory,
    Map<String, SecretDefinition> secrets,
    Map<String, ServiceDefinition> services) {

  /**
   * This project with {@code override} (a later {@code -c} file) applied: a secret definition is
   * replaced whole, a service is merged ({@link ServiceDefinition#mergedWith}).
   */
  ComposeProject mergedWith(ComposeProject override) {
    Map<String, SecretDefinition> secrets = new LinkedHashMap<>(this.secrets);
    secrets.putAll(override.secrets);
    Map<String, ServiceDefinition> services = new LinkedHashMap<>(this.services);
    override.services.forEach(
        (name, service) -> services.merge(name, service, ServiceDefinition::mergedWith));
    return new ComposeProject(directory, secrets, services);
  }
}
