package dev.strongroom.cli.compose;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.cli.SecretSealer;
import dev.strongroom.cli.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts Compose/stack files ({@code -c FILE}, later files merged over earlier ones) into the
 * SwarmSecrets and SwarmServices of one stack, as {@code docker stack deploy} would create them.
 */
public final class StackConverter {
  private static final String STACK_NAME = "^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$";
  private static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private final Map<String, String> environment;
  private final SecretSealer sealer;

  /**
   * {@code environment} is the variables Compose reads ({@code environment:} secrets, {@code
   * ${VAR}}); {@code sealer} seals file and environment secrets.
   */
  public StackConverter(Map<String, String> environment, SecretSealer sealer) {
    this.environment = Map.copyOf(environment);
    this.sealer = sealer;
  }

  /**
   * Converts {@code files} for stack {@code stack}; {@code namespace} may be null when no secret
   * needs sealing (the objects then carry no namespace).
   */
  public ConvertedStack convert(List<ComposeSource> files, String stack, String namespace) {
    checkNames(stack, namespace);
    ComposeWarnings warnings = new ComposeWarnings();
    ComposeProject project = load(files, warnings);

    Map<String, String> secretNames = new LinkedHashMap<>();
    TreeSet<String> external = new TreeSet<>();
    for (SecretDefinition secret : project.secrets().values()) {
      String name =
          SecretConverter.checkedSwarmName(SecretConverter.swarmName(stack, secret), secret);
      secretNames.put(secret.key(), name);
      if (secret.external()) {
        external.add(name);
      }
    }
    // Services first: a broken reference fails before any secret value is read.
    ServiceConverter serviceConverter = new ServiceConverter(warnings);
    List<SwarmService> services = new ArrayList<>();
    for (ServiceDefinition service : project.services().values()) {
      services.add(serviceConverter.convert(service, stack, namespace, secretNames));
    }
    SecretConverter secretConverter = new SecretConverter(sealer, environment);
    List<SwarmSecret> secrets = new ArrayList<>();
    for (SecretDefinition secret : project.secrets().values()) {
      if (!secret.external()) {
        secrets.add(
            secretConverter.convert(
                secret, secretNames.get(secret.key()), stack, namespace, project.directory()));
      }
    }
    return new ConvertedStack(secrets, services, List.copyOf(external), warnings.messages());
  }

  private ComposeProject load(List<ComposeSource> files, ComposeWarnings warnings) {
    if (files.isEmpty()) {
      throw new UserError("no Compose file given: use -c FILE");
    }
    Interpolation interpolation = new Interpolation(environment, warnings);
    ComposeFileReader reader = new ComposeFileReader(interpolation);
    ComposeParser parser = new ComposeParser(environment, warnings);
    Path directory = directoryOf(files.get(0).path());
    ComposeProject merged = null;
    for (ComposeSource file : files) {
      ComposeProject project = parser.parse(reader.read(file), directory);
      merged = merged == null ? project : merged.mergedWith(project);
    }
    return merged;
  }

  private static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of("").toAbsolutePath();
  }

  private static void checkNames(String stack, String namespace) {
    if (stack == null || stack.length() > 63 || !stack.matches(STACK_NAME)) {
      throw new UserError(
          "invalid stack name '"
              + stack
              + "': at most 63 of [a-zA-Z0-9-_.], starting and ending with a letter or digit");
    }
    if (namespace != null && (namespace.length() > 63 || !namespace.matches(NAMESPACE))) {
      throw new UserError(
          "invalid namespace '" + namespace + "': a Kubernetes namespace is a DNS label");
    }
  }
}
