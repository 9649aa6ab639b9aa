package dev.strongroom.e2e.support;

import java.nio.file.Path;

/** Where the checkout and the test cluster's state are, as the build passes them in. */
final class Paths {
  private Paths() {}

  static Path root() {
    return Path.of(System.getProperty("strongroom.root", "..")).toAbsolutePath().normalize();
  }

  static Path clusterDir() {
    return Path.of(System.getProperty("strongroom.cluster.dir", "target/cluster"))
        .toAbsolutePath()
        .normalize();
  }
}
