package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sets standard conditions on a status list: {@code lastTransitionTime} moves only when the status
 * flips, so an unchanged condition never causes a status write.
 */
public final class ConditionList {
  private final List<Condition> conditions;
  private final long generation;
  private final Clock clock;

  public ConditionList(List<Condition> existing, long generation, Clock clock) {
    this.conditions = new ArrayList<>(existing == null ? List.of() : existing);
    this.generation = generation;
    this.clock = clock;
  }

  /** The conditions of a resource's current status, stamped with its generation. */
  public static ConditionList of(HasMetadata resource, List<Condition> existing, Clock clock) {
    Long generation = resource.getMetadata().getGeneration();
    return new ConditionList(existing, generation == null ? 0 : generation, clock);
  }

  /** Sets {@code type} to {@code status} with a reason and a message a person can act on. */
  public ConditionList set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Optional<Condition> old = find(conditions, type);
    String since =
        old.filter(c -> value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElseGet(this::now);
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    conditions.sort(Comparator.comparing(Condition::getType));
    return this;
  }

  public List<Condition> toList() {
    return List.copyOf(conditions);
  }

  /** The condition of {@code type} in {@code conditions}, if any. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether {@code type} is present and True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }
}
