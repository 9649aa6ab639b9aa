package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code service update --secret-rm/--secret-add} as pure functions over a grant list, with
 * Docker's semantics: removals first, by secret name; then additions, where an addition replaces
 * the grant that writes the same file.
 */
public final class SecretGrants {
  private SecretGrants() {}

  /** The grants after removing {@code names} (as {@code --secret-rm}) and adding {@code adds}. */
  public static List<SecretGrant> update(
      List<SecretGrant> grants, Collection<String> names, List<SecretGrant> adds) {
    return add(remove(grants, names), adds);
  }

  /**
   * Removes every grant whose {@code source} is one of {@code names}, as Docker removes by secret
   * name; a name that matches no grant is ignored, as in Docker (see {@link #unmatched}).
   */
  public static List<SecretGrant> remove(List<SecretGrant> grants, Collection<String> names) {
    Set<String> toRemove = Set.copyOf(names);
    List<SecretGrant> kept = new ArrayList<>();
    for (SecretGrant grant : grants) {
      if (!toRemove.contains(grant.getSource())) {
        kept.add(grant);
      }
    }
    return kept;
  }

  /** The names among {@code names} that no grant's {@code source} matches, in their order. */
  public static List<String> unmatched(List<SecretGrant> grants, Collection<String> names) {
    Set<String> sources = new HashSet<>();
    grants.forEach(grant -> sources.add(grant.getSource()));
    return names.stream().filter(name -> !sources.contains(name)).distinct().toList();
  }

  /**
   * Adds {@code adds}: one with the same file name (effective target) as an existing grant replaces
   * it in place, others are appended. Two additions with the same file are refused.
   */
  public static List<SecretGrant> add(List<SecretGrant> grants, List<SecretGrant> adds) {
    Set<String> added = new HashSet<>();
    for (SecretGrant add : adds) {
      if (!added.add(add.effectiveTarget())) {
        throw new InvalidGrantException(
            "two secrets are added with the same target '"
                + add.effectiveTarget()
                + "': each file under /run/secrets needs its own");
      }
    }
    List<SecretGrant> result = new ArrayList<>(grants);
    for (SecretGrant add : adds) {
      int index = indexOfTarget(result, add.effectiveTarget());
      if (index >= 0) {
        result.set(index, add);
      } else {
        result.add(add);
      }
    }
    return result;
  }

  private static int indexOfTarget(List<SecretGrant> grants, String target) {
    for (int i = 0; i < grants.size(); i++) {
      if (grants.get(i).effectiveTarget().equals(target)) {
        return i;
      }
    }
    return -1;
  }
}
