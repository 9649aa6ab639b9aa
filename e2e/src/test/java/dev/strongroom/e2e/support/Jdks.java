package dev.strongroom.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JDKs on this machine other than the one running the tests. */
public final class Jdks {
  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private Jdks() {}

  /**
   * A JDK whose JVM keeps an ahead-of-time cache (25 or later), as the operator's image has: {@code
   * -Dstrongroom.aotJavaHome}, else the newest such JDK under /usr/lib/jvm.
   */
  public static Optional<Path> withAotCache() {
    String configured = System.getProperty("strongroom.aotJavaHome");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> feature(home) >= 25)
          .max(Comparator.comparingInt(Jdks::feature));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature version in the JDK's {@code release} file, 0 without one. */
  private static int feature(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
