package dev.strongroom.cli.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Compose service, as far as Strongroom converts it. Nulls are unset; an environment entry with a
 * null value was named without a value and is not set in the environment.
 */
record ServiceDefinition(
    String name,
    Location location,
    Located<String> image,
    List<String> entrypoint,
    List<String> command,
    Map<String, Located<String>> environment,
    Integer replicas,
    UpdateDefinition update,
    List<ServiceSecret> secrets) {

  /**
   * This service with {@code override} applied as {@code docker stack deploy} merges files: scalars
   * and command lines replaced, environment merged by name (an override without a value keeps the
   * earlier one), update_config by field, secrets by source.
   */
  ServiceDefinition mergedWith(ServiceDefinition override) {
    Map<String, Located<String>> environment = new LinkedHashMap<>(this.environment);
    override.environment.forEach(
        (key, value) -> {
          if (value.value() != null || !environment.containsKey(key)) {
            environment.put(key, value);
          }
        });
    Set<String> overridden =
        override.secrets.stream().map(ServiceSecret::source).collect(Collectors.toSet());
    List<ServiceSecret> secrets = new ArrayList<>();
    this.secrets.stream().filter(s -> !overridden.contains(s.source())).forEach(secrets::add);
    secrets.addAll(override.secrets);
    return new ServiceDefinition(
        name,
        location,
        pick(override.image, image),
        pick(override.entrypoint, entrypoint),
        pick(override.command, command),
        environment,
        pick(override.replicas, replicas),
        update.mergedWith(override.update),
        secrets);
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
