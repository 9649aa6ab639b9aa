package dev.strongroom.e2e.support;

import java.nio.file.Path;

/** Where the checkout and the test cluster's state are, as the build passes them in. */
final class Paths {
  private Paths() {}

  static Path root() {
    return Path.of(System.getProperty("strongroom.root", "..")).toAbsolutePath().normalize();
  }

  /** The one jar the build made, {@code operator/target/strongroom.jar}. */
  static Path operatorJar() {
    return root().resolve("operator/target/strongroom.jar");
  }

  /** The operator's launcher, which the image runs (ahead-of-time cache on JDK 25 and later). */
  static Path operatorLauncher() {
    return root().resolve("operator/src/main/sh/strongroom-operator");
  }

  /** The {@code java} of the JVM running the tests, for the processes they start. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path clusterDir() {
    return Path.of(System.getProperty("strongroom.cluster.dir", "target/cluster"))
        .toAbsolutePath()
        .normalize();
  }
}
