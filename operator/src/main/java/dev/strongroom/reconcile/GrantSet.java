package dev.strongroom.reconcile;

import dev.strongroom.store.Grant;
import java.util.List;

/**
 * The grants a service's pods receive at one revision, with the total size of the granted values
 * (for the in-memory volume's size limit).
 */
public record GrantSet(long revision, List<Grant> grants, long valueBytes) {
  public GrantSet {
    grants = List.copyOf(grants);
  }
}
