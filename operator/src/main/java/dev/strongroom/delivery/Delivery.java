package dev.strongroom.delivery;

import java.util.List;

/** What one pod receives: its files (values zeroed by {@link #close()}) and the secret names. */
public record Delivery(AuthorizedPod pod, List<String> secretNames, List<DeliveryFormat.File> files)
    implements AutoCloseable {
  public Delivery {
    secretNames = List.copyOf(secretNames);
    files = List.copyOf(files);
  }

  @Override
  public void close() {
    files.forEach(DeliveryFormat.File::close);
  }
}
